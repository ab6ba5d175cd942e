var builder = WebApplication.CreateBuilder(args);

// The standalone server authenticates on its own: JWT bearer tokens (development tokens in Development) or
// explicit anonymous mode, from CollabDocs:Auth (docs/security.md).
// Kestrel's request and connection limits come from CollabDocs:Kestrel (an app embedding CollabDocs keeps its own).
builder.Services.AddCollabDocs(builder.Configuration, options =>
{
    options.UseBuiltInAuthentication = true;
    options.ConfigureKestrelLimits = true;
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapCollabDocs();
app.Run();

/// <summary>The server's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
