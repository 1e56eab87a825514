using Tunda.Web.Configuration;
using Tunda.Web.Features.Health;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTundaEventStore(builder.Configuration);
builder.Services.AddTundaMessaging(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.Run();

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
