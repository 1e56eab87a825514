using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.DataProtection;
using Tunda.Web.Platform.Headers;
using Tunda.Web.Platform.Input;
using Tunda.Web.Platform.Links;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Configuration;

/// <summary>
/// The web platform every feature stands on: pages, texts and languages, API conventions,
/// OpenAPI, security headers, antiforgery keys in PostgreSQL, rate limits and public links.
/// Needs <see cref="EventStoreSetup.AddTundaEventStore"/> first (it owns the data source).
/// </summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddTundaPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages().AddDataAnnotationsLocalization();
        // Italian text stays readable in the HTML ("perché", not "perch&#xE9;"); markup is still encoded.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // One input policy (Platform/Input): API bodies while they are read, API parameters before the
        // endpoint, page fields while they are bound. A body the API cannot read is thrown in every
        // environment, so ApiExceptionHandler answers it the same way everywhere.
        services.PostConfigure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => TextJsonConverter.Install(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<MvcOptions>(options =>
        {
            options.ModelBinderProviders.Insert(0, new TextModelBinderProvider());
            options.Filters.Add(new RefusedTextPageFilter());
        });
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Tunda API";
                document.Info.Description = "Area Cliente e helpdesk Tunda: the JSON API behind the portal.";
                return Task.CompletedTask;
            });
        });

        services.AddSingleton(_ => TextCatalogue.LoadEmbedded());
        services.AddSingleton<Texts>();
        services.AddSingleton<TextsLocalizer>();
        services.AddSingleton<IStringLocalizer>(provider => provider.GetRequiredService<TextsLocalizer>());
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, TextsLocalizerFactory>());
        services.TryAddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Languages.Italian).AddSupportedCultures([.. Languages.Supported]).AddSupportedUICultures([.. Languages.Supported]);
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = Languages.CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddSingleton(provider => new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<DatabaseOptions>().Schema));
        services.AddHostedService<DataProtectionStartup>();
        services.AddDataProtection().SetApplicationName("Tunda");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = provider.GetRequiredService<PostgresXmlRepository>()));
        // SecurityHeaders sends DENY; antiforgery's own SAMEORIGIN would contradict it.
        services.Configure<AntiforgeryOptions>(options => options.SuppressXFrameOptionsHeader = true);

        services.AddTundaRateLimits(builder.Configuration);

        var development = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        services.AddOptions<PublicUrlOptions>()
            .Bind(builder.Configuration.GetSection(PublicUrlOptions.Section))
            .PostConfigure(options => options.PublicBaseUrl ??= development ? PublicUrlOptions.DevelopmentDefault : null)
            .Validate(options => Valid(options.PublicBaseUrl), "Tunda:PublicBaseUrl must be the portal's absolute http(s) address (e.g. https://area.example.it); it is required outside Development.")
            .ValidateOnStart();
        services.AddSingleton<PublicUrls>();
        return builder;
    }

    /// <summary>
    /// Headers, error answers, static files, languages, the JSON-only rule, routing and rate
    /// limits, in that order. Authentication and authorization go right after this call, so they
    /// see the endpoint routing chose.
    /// </summary>
    public static WebApplication UseTundaPlatform(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler("/errore/500");
        app.UseWhen(context => ApiRoutes.IsApi(context.Request), api => api.UseStatusCodePages(context => ApiProblems.WriteStatusAsync(context.HttpContext)));
        app.UseWhen(context => !ApiRoutes.IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/errore/{0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseMiddleware<JsonOnlyApi>();
        app.UseMiddleware<UnreadableFormGuard>();
        app.UseRouting();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapTundaPlatform(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapLanguageSwitch();
        foreach (var module in app.Services.GetServices<EndpointModule>())
        {
            module.Map(app);
        }

        return app;
    }

    private static bool Valid(string? publicBaseUrl)
    {
        try
        {
            PublicUrls.Parse(publicBaseUrl);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
