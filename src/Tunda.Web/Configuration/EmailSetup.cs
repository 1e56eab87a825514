using Tunda.Mail;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Email;
using Wolverine;

namespace Tunda.Web.Configuration;

public static class EmailSetup
{
    /// <summary>The sender of mail that only goes to the pickup folder when <c>Tunda:Mail:From</c> is not set.</summary>
    public const string PickupFrom = "noreply@tunda.localhost";

    /// <summary>
    /// Outgoing mail: <see cref="SendEmail"/> on the bus, sent through SMTP when <c>Tunda:Mail:Smtp:Host</c>
    /// is set and into the pickup folder otherwise; in Development <c>/dev/mail</c> shows that folder.
    /// </summary>
    public static IServiceCollection AddTundaEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => ReadOptions(configuration, provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<MailOptions>();
            var environment = provider.GetRequiredService<IHostEnvironment>();
            return new MailTemplates(options.TemplateFolder is { Length: > 0 } folder
                ? Path.GetFullPath(folder, environment.ContentRootPath)
                : DefaultTemplateFolder(environment));
        });
        services.AddSingleton<IMailTransport>(provider =>
        {
            var options = provider.GetRequiredService<MailOptions>();
            return options.UsesSmtp
                ? new SmtpTransport(options.Smtp)
                : new PickupFolderTransport(options.PickupFolder);
        });
        services.AddSingleton<MessageIdSigning>();
        services.AddSingleton<IStartupFilter, EmailStartupFilter>();
        var retryDelays = MailOptions.RetryDelaysFrom(configuration);
        services.ConfigureWolverine(options => options.Policies.Add(QueuedMessageRetries.For<SendEmail>(retryDelays)));
        return services;
    }

    private static MailOptions ReadOptions(IConfiguration configuration, string contentRoot)
    {
        var options = new MailOptions();
        configuration.GetSection(MailOptions.Section).Bind(options);
        options.RetryDelays = MailOptions.RetryDelaysFrom(configuration);
        if (string.IsNullOrWhiteSpace(options.From))
        {
            // Mail that really leaves needs a sender of ours; a made-up one would be refused or land in spam.
            options.From = options.UsesSmtp
                ? throw new InvalidOperationException($"{MailOptions.Section}:Smtp:Host is set, so {MailOptions.Section}:From must name the address automatic mails are sent from.")
                : PickupFrom;
        }

        try
        {
            _ = new MailboxAddress(options.From, options.FromName);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{MailOptions.Section}:From is not usable: {e.Message}", e);
        }

        _ = MessageIdSigning.KeyFromSetting(options.MessageIdKey);
        options.PickupFolder = Path.GetFullPath(options.PickupFolder, contentRoot);
        return options;
    }

    /// <summary>Next to the app when published with the templates, else the project folder (dotnet run, tests).</summary>
    private static string DefaultTemplateFolder(IHostEnvironment environment)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "Templates", "Mail");
        return Directory.Exists(published) ? published : Path.Combine(environment.ContentRootPath, "Templates", "Mail");
    }
}
