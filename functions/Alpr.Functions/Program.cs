using Alpr.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Under the Functions host the port comes from FUNCTIONS_CUSTOMHANDLER_PORT; standalone, from --urls.
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

builder.Services.AddAlprApp(builder.Configuration);

var app = builder.Build();
app.UseAuthentication();
app.MapFunctionHandlers();
app.MapAlprEndpoints();
app.Run();

public partial class Program;
