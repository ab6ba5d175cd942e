using CollabDocs.Server.Api;
using CollabDocs.Server.Observability;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCollabDocs(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCollabDocsSecurity();
app.MapOpenApi();
app.MapDocumentEndpoints().RequireCollabDocsCaller();
app.MapIntegrationEndpoints().RequireCollabDocsCaller();
app.MapCollabDocsSecurityEndpoints();
app.MapDocumentHub().RequireCollabDocsCaller();
app.MapCollabDocsOperations();
app.Run();

/// <summary>The server's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
