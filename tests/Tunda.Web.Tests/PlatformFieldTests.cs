using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Forms;

namespace Tunda.Web.Tests;

/// <summary>The field tag helper and the shared partials, rendered with the app's own services as a page would render them.</summary>
public sealed class PlatformFieldTests
{
    public sealed class SignUp
    {
        [Display(Name = "nav.login", Description = "index.newCustomer")]
        [Required(ErrorMessage = "validation.required")]
        [EmailAddress]
        public string? Email { get; set; }

        [Display(Name = "nav.register")]
        public bool Accepted { get; set; }
    }

    [Fact]
    public async Task a_field_shows_its_localised_label_hint_value_and_error()
    {
        await using var app = await PlatformApp.StartAsync();
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("Input.Email", "Questo indirizzo risulta registrato.");

        var html = await RenderFieldAsync(app, new SignUp { Email = "mario@example.it" }, nameof(SignUp.Email), modelState, "it");

        html.ShouldContain("class=\"field field-invalid\"");
        html.ShouldContain("<label for=\"Input_Email\">Accedi</label>");
        html.ShouldContain("type=\"email\"");
        html.ShouldContain("name=\"Input.Email\"");
        html.ShouldContain("value=\"mario@example.it\"");
        html.ShouldContain("aria-invalid=\"true\"");
        html.ShouldContain("aria-describedby=\"Input_Email-hint Input_Email-error\"");
        html.ShouldContain("Non sei ancora cliente?");
        html.ShouldContain("Questo indirizzo risulta registrato.");
    }

    [Fact]
    public async Task a_required_field_says_so_in_english_and_a_boolean_is_a_checkbox()
    {
        await using var app = await PlatformApp.StartAsync();

        var email = await RenderFieldAsync(app, new SignUp(), nameof(SignUp.Email), new ModelStateDictionary(), "en");
        var accepted = await RenderFieldAsync(app, new SignUp(), nameof(SignUp.Accepted), new ModelStateDictionary(), "en");

        email.ShouldContain(">Log in</label>");
        email.ShouldContain("data-val-required=\"The Log in field is required.\"");
        accepted.ShouldContain("class=\"field field-check\"");
        accepted.ShouldContain("type=\"checkbox\"");
        accepted.ShouldContain(">Sign up</label>");
    }

    [Fact]
    public async Task an_alert_is_announced_by_its_kind()
    {
        await using var app = await PlatformApp.StartAsync();

        var html = await RenderAsync(app, "/Pages/Shared/_Alert.cshtml", (provider, viewData) => viewData.Model = new Alert(AlertKind.Error, "Pagamento rifiutato"), "it");

        html.ShouldContain("<div class=\"alert alert-error\" role=\"alert\">");
        html.ShouldContain("Pagamento rifiutato");
    }

    [Fact]
    public async Task rendering_a_form_marks_the_response_no_store()
    {
        await using var app = await PlatformApp.StartAsync();
        var response = default(HttpResponse);

        var html = await RenderAsync(app, "/Pages/Shared/_User.cshtml", (provider, viewData) => { }, "it", context =>
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "anna@example.it")], "Test"));
            response = context.Response;
        });

        html.ShouldContain("<form method=\"post\" action=\"/esci\"");
        response!.Headers.CacheControl.ToString().ShouldBe("no-store");
    }

    /// <summary>The page model a Razor page would have: the form under Input, as every Tunda page binds it.</summary>
    public sealed class SignUpPage
    {
        public SignUp Input { get; set; } = new();
    }

    private static async Task<string> RenderFieldAsync(PlatformApp app, SignUp form, string property, ModelStateDictionary modelState, string language)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
        try
        {
            // What <field for="Input.Email" /> gets on a page: the page's view data and the expression's metadata.
            var httpContext = new DefaultHttpContext { RequestServices = services };
            var viewData = new ViewDataDictionary<SignUpPage>(services.GetRequiredService<IModelMetadataProvider>(), modelState) { Model = new SignUpPage { Input = form } };
            var expressions = services.GetRequiredService<ModelExpressionProvider>();
            var expression = property == nameof(SignUp.Email)
                ? expressions.CreateModelExpression(viewData, page => page.Input.Email)
                : expressions.CreateModelExpression(viewData, page => page.Input.Accepted);
            var viewContext = new ViewContext(new ActionContext(httpContext, new RouteData(), new ActionDescriptor()), NullView.Instance, viewData,
                new TempDataDictionary(httpContext, services.GetRequiredService<ITempDataProvider>()), TextWriter.Null, new HtmlHelperOptions())
            {
                ClientValidationEnabled = true,
            };
            var helper = new FieldTagHelper(services.GetRequiredService<IHtmlGenerator>()) { For = expression, ViewContext = viewContext };
            var context = new TagHelperContext("field", [], new Dictionary<object, object>(), "field");
            var output = new TagHelperOutput("field", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
            await helper.ProcessAsync(context, output);
            await using var writer = new StringWriter();
            output.WriteTo(writer, HtmlEncoder.Default);
            return writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }

    private sealed class NullView : IView
    {
        public static NullView Instance { get; } = new();

        public string Path => string.Empty;

        public Task RenderAsync(ViewContext context) => Task.CompletedTask;
    }

    private static async Task<string> RenderAsync(PlatformApp app, string path, Action<IServiceProvider, ViewDataDictionary> prepare, string language, Action<HttpContext>? request = null)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var httpContext = new DefaultHttpContext { RequestServices = services };
            request?.Invoke(httpContext);
            var actionContext = new ActionContext(httpContext, new RouteData(), new ActionDescriptor());
            var view = services.GetRequiredService<ICompositeViewEngine>().GetView(null, path, isMainPage: false).EnsureSuccessful([]).View!;
            var viewData = new ViewDataDictionary(services.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary());
            prepare(services, viewData);
            await using var writer = new StringWriter();
            var tempData = new TempDataDictionary(httpContext, services.GetRequiredService<ITempDataProvider>());
            await view.RenderAsync(new ViewContext(actionContext, view, viewData, tempData, writer, new HtmlHelperOptions()));
            return writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }
}
