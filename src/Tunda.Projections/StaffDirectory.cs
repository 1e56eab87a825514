using Dapper;
using Npgsql;
using Tunda.Domain.Identity;
using Tunda.Domain.Staff;
using Tunda.EventStore;
using Tunda.EventStore.Projections;

namespace Tunda.Projections;

/// <summary>A staff member as the back-office list and the staff login see it.</summary>
public sealed record StaffDirectoryEntry
{
    public Guid StaffId { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>Normalised e-mail, the staff login's username.</summary>
    public string Email { get; init; } = string.Empty;

    public StaffRoles Roles { get; init; }

    public bool Blocked { get; init; }

    public bool Has(StaffRoles role) => !Blocked && (Roles & role) == role;
}

/// <summary>Builds the staff_directory table from the StaffMember streams.</summary>
public sealed class StaffDirectoryProjection : RowProjection
{
    public override string Name => "staff_directory";

    protected override string Table => "staff_directory";

    protected override string CreateSql => """
        CREATE TABLE IF NOT EXISTS {schema}.staff_directory (
            staff_id uuid PRIMARY KEY,
            name text NOT NULL,
            email text NOT NULL,
            roles integer NOT NULL,
            blocked boolean NOT NULL
        );
        CREATE INDEX IF NOT EXISTS staff_directory_email ON {schema}.staff_directory (email);
        """;

    protected override Task ApplyAsync(ProjectionContext context, StreamEvent e, CancellationToken cancellationToken) => e.Data switch
    {
        StaffMemberAdded a => ExecuteAsync(
            context,
            "INSERT INTO {schema}.staff_directory (staff_id, name, email, roles, blocked) VALUES (@StaffId, @Name, @Email, @Roles, false)",
            new { a.StaffId, a.Name, a.Email, Roles = (int)a.Roles },
            cancellationToken),
        StaffRolesChanged c => Update(context, "roles = @Roles", new { c.StaffId, Roles = (int)c.Roles }, cancellationToken),
        StaffMemberBlocked b => Update(context, "blocked = true", new { b.StaffId }, cancellationToken),
        StaffMemberUnblocked u => Update(context, "blocked = false", new { u.StaffId }, cancellationToken),
        _ => Task.CompletedTask,
    };

    private static Task<int> Update(ProjectionContext context, string set, object parameters, CancellationToken cancellationToken) =>
        ExecuteAsync(context, $"UPDATE {{schema}}.staff_directory SET {set} WHERE staff_id = @StaffId", parameters, cancellationToken);
}

/// <summary>Reads of the staff_directory table.</summary>
public static class StaffDirectory
{
    private const string Columns = "staff_id AS StaffId, name AS Name, email AS Email, roles AS Roles, blocked AS Blocked";

    public static Task<StaffDirectoryEntry?> FindAsync(NpgsqlConnection connection, string schema, Guid staffId, NpgsqlTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<StaffDirectoryEntry>(
            $"SELECT {Columns} FROM {schema}.staff_directory WHERE staff_id = @staffId", new { staffId }, transaction);

    public static Task<StaffDirectoryEntry?> ForEmailAsync(NpgsqlConnection connection, string schema, string email, NpgsqlTransaction? transaction = null)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return Task.FromResult<StaffDirectoryEntry?>(null);
        }

        var normalised = EmailAddress.Normalise(email) ?? email.Trim().ToLowerInvariant();
        return connection.QueryFirstOrDefaultAsync<StaffDirectoryEntry>(
            $"SELECT {Columns} FROM {schema}.staff_directory WHERE email = @normalised ORDER BY blocked, staff_id", new { normalised }, transaction);
    }

    /// <summary>Every staff member, by name.</summary>
    public static async Task<IReadOnlyList<StaffDirectoryEntry>> ListAsync(NpgsqlConnection connection, string schema, NpgsqlTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<StaffDirectoryEntry>(
            $"SELECT {Columns} FROM {schema}.staff_directory ORDER BY name, staff_id", transaction: transaction);
        return rows.AsList();
    }
}
