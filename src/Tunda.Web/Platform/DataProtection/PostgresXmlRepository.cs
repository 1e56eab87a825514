using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Tunda.Web.Platform.DataProtection;

/// <summary>
/// Data protection keys in <c>&lt;schema&gt;.data_protection_keys</c>, so antiforgery tokens,
/// cookies and other protected data survive restarts and are readable by every process of the
/// app. The interface is synchronous, hence the synchronous database calls.
/// </summary>
public sealed partial class PostgresXmlRepository : IXmlRepository
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly string _createSql;
    private readonly Lock _createLock = new();
    private volatile bool _created;

    public PostgresXmlRepository(NpgsqlDataSource dataSource, string schema)
    {
        if (!Identifier().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a plain lower-case PostgreSQL schema name.", nameof(schema));
        }

        _dataSource = dataSource;
        _table = $"{schema}.data_protection_keys";
        // The advisory lock keeps two processes starting together from racing on CREATE TABLE.
        _createSql = $"""
            SELECT pg_advisory_xact_lock(hashtext('{_table}'));
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {_table} (
                friendly_name text PRIMARY KEY,
                xml text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        using var command = _dataSource.CreateCommand($"SELECT xml FROM {_table} ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureTable();
        using var command = _dataSource.CreateCommand(
            $"INSERT INTO {_table} (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    /// <summary>Creates the table if missing; called at startup and again on first use.</summary>
    public void EnsureTable()
    {
        if (_created)
        {
            return;
        }

        lock (_createLock)
        {
            if (_created)
            {
                return;
            }

            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using (var command = new NpgsqlCommand(_createSql, connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            _created = true;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
