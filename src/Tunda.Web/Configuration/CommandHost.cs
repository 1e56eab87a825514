namespace Tunda.Web.Configuration;

/// <summary>The app's verbs (<c>messages</c>, <c>staff</c>, <c>mail</c>): the services of the web app without serving.</summary>
public static class CommandHost
{
    /// <summary>
    /// The web app's own builder, so the settings (ASPNETCORE_ENVIRONMENT, appsettings.{env}.json,
    /// TUNDA_DB, Tunda__Schema) are read exactly as when it serves; appsettings sit next to the binary.
    /// Console logging is off: the verb's output is its own. <paramref name="configure"/> lets tests
    /// point it at their schema.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(Action<IConfigurationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder.Configuration);
        builder.Logging.ClearProviders();
        return builder;
    }
}
