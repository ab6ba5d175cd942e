using CollabDocs.Server.Api;
using CollabDocs.Server.Hubs;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCollabDocs(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapDocumentEndpoints();
app.MapHub<DocumentHub>("/hubs/docs");
app.Run();

/// <summary>The server's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
