using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Database;

namespace Tunda.Web.Platform.DataProtection;

/// <summary>
/// Data protection keys in <c>&lt;schema&gt;.data_protection_keys</c>, so antiforgery tokens,
/// cookies and other protected data survive restarts and are readable by every process of the
/// app. The interface is synchronous, hence the synchronous database calls.
/// </summary>
public sealed class PostgresXmlRepository : IXmlRepository
{
    public const string Component = "data_protection";

    private static readonly Migration[] Migrations =
    [
        new(1, "data protection keys", """
            CREATE TABLE {schema}.data_protection_keys (
                friendly_name text PRIMARY KEY,
                xml text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """),
    ];

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly Lock _createLock = new();
    private volatile bool _created;

    public PostgresXmlRepository(NpgsqlDataSource dataSource, string schema)
    {
        SchemaMigrator.ValidateSchemaName(schema);
        _dataSource = dataSource;
        _schema = schema;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        using var command = _dataSource.CreateCommand($"SELECT xml FROM {_schema}.data_protection_keys ORDER BY created_at, friendly_name");
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
            $"INSERT INTO {_schema}.data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Creates the table if missing, through the schema migrator so that its advisory lock orders
    /// this against the event store's own migration (both may create the schema at startup).
    /// </summary>
    public void EnsureTable()
    {
        if (_created)
        {
            return;
        }

        lock (_createLock)
        {
            if (!_created)
            {
                SchemaMigrator.MigrateAsync(_dataSource, _schema, Component, Migrations).GetAwaiter().GetResult();
                _created = true;
            }
        }
    }
}
