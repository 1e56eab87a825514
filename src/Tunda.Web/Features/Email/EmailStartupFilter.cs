namespace Tunda.Web.Features.Email;

/// <summary>
/// Checks the mail settings when the app starts (not at the first mail, hours later) and, in
/// Development only, serves the pickup folder at /dev/mail.
/// </summary>
internal sealed class EmailStartupFilter(IHostEnvironment environment, MailOptions options, MailTemplates templates) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (!Directory.Exists(templates.Folder))
        {
            throw new InvalidOperationException($"The mail templates folder {templates.Folder} does not exist; set {MailOptions.Section}:TemplateFolder.");
        }

        if (environment.IsDevelopment())
        {
            app.Map(DevMailPages.Path, branch => branch.Run(new DevMailPages(options.PickupFolder, options.UsesSmtp ? options.Smtp.Host : null).HandleAsync));
        }

        next(app);
    };
}
