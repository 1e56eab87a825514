namespace Tunda.Web.Configuration;

/// <summary>Where the event store lives: <c>TUNDA_DB</c> or <c>ConnectionStrings:Tunda</c>, and <c>Tunda:Schema</c>.</summary>
public sealed class DatabaseOptions
{
    public required string ConnectionString { get; init; }

    public string Schema { get; init; } = "tunda";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var connectionString = configuration["TUNDA_DB"] is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration.GetConnectionString("Tunda");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set TUNDA_DB (or ConnectionStrings__Tunda) to a PostgreSQL connection string. `./tunda run` does this for you.");
        }

        return new DatabaseOptions { ConnectionString = connectionString, Schema = configuration["Tunda:Schema"] ?? "tunda" };
    }
}
