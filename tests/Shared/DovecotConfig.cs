using System.Globalization;

namespace Tunda.Testing;

/// <summary>
/// The dovecot.conf of a <see cref="DovecotServer"/>: everything under one temporary folder, listening on
/// 127.0.0.1 only, any user name with the one password (a fresh maildir each), maildir storage, the test's self-signed certificate.
/// </summary>
internal static class DovecotConfig
{
    public static string Write(string root, int imapPort, int imapsPort, string password, string extraSettings, bool markSent, string namespaceSettings)
    {
        // Dovecot's login processes refuse to run as root and mail access refuses uid 0, so as root (here and
        // in CI) they run as the accounts the Debian package creates; as anyone else, as that user.
        var (uid, gid) = CurrentIds();
        var asRoot = uid == 0;
        var loginUser = asRoot ? "dovenull" : Environment.UserName;
        var internalUser = asRoot ? "dovecot" : Environment.UserName;
        var mailIds = asRoot ? "uid=65534 gid=65534" : string.Create(CultureInfo.InvariantCulture, $"uid={uid} gid={gid}");

        // Only root may chroot; without it login processes run in the folder as the same user.
        var chroot = asRoot ? "" : "chroot =";
        var path = Path.Combine(root, "dovecot.conf");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            instance_name = tunda-test-{{imapPort}}
            log_path = {{root}}/dovecot.log
            info_log_path = {{root}}/dovecot.log
            default_login_user = {{loginUser}}
            default_internal_user = {{internalUser}}
            default_internal_group = {{(asRoot ? "dovecot" : GroupName(gid))}}
            first_valid_uid = 1
            ssl = yes
            ssl_cert = <{{root}}/cert.pem
            ssl_key = <{{root}}/key.pem
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{root}}/mail/%u
            passdb {
              driver = static
              args = password={{password}}
            }
            userdb {
              driver = static
              args = {{mailIds}} home={{root}}/mail/%u
            }
            service imap-login {
              {{chroot}}
              inet_listener imap {
                address = 127.0.0.1
                port = {{imapPort}}
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = {{imapsPort}}
                ssl = yes
              }
            }
            namespace inbox {
              inbox = yes
              {{namespaceSettings}}
              mailbox Sent {
                {{(markSent ? "special_use = \\Sent" : "")}}
                auto = create
              }
            }
            service anvil {
              {{chroot}}
            }
            {{extraSettings}}

            """));
        return path;
    }

    private static string GroupName(int gid) =>
        File.ReadLines("/etc/group").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[2] == gid.ToString(CultureInfo.InvariantCulture))?[0]
        ?? Environment.UserName;

    private static (int Uid, int Gid) CurrentIds()
    {
        var status = File.ReadAllLines("/proc/self/status");
        int Id(string key) => int.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (Id("Uid:"), Id("Gid:"));
    }
}
