using Tunda.Web.Platform.Headers;

namespace Tunda.Web.Features.Email;

/// <summary>
/// Reads the mail settings when the app starts (a wrong one fails the start, not the first mail hours
/// later) and, in Development only, serves the pickup folder at /dev/mail.
/// </summary>
internal sealed partial class EmailStartupFilter(IHostEnvironment environment, MailOptions options, MailTemplates templates, ILogger<EmailStartupFilter> logger) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Logged rather than thrown: the rest of the app works without mail, and each SendEmail names the missing file.
        if (!Directory.Exists(templates.Folder))
        {
            TemplatesMissing(logger, templates.Folder, MailOptions.Section);
        }

        if (environment.IsDevelopment())
        {
            app.Map(DevMailPages.Path, branch => branch
                .UseMiddleware<SecurityHeaders>()   // this branch runs before the main pipeline adds them
                .Run(new DevMailPages(options.PickupFolder, options.UsesSmtp ? options.Smtp.Host : null).HandleAsync));
        }

        next(app);
    };

    [LoggerMessage(LogLevel.Error, "Mail templates folder {Folder} does not exist: no automatic mail can be sent. Publish Templates/Mail with the app or set {Section}:TemplateFolder.")]
    private static partial void TemplatesMissing(ILogger logger, string folder, string section);
}
