using Npgsql;

namespace Tunda.Bench;

/// <summary>Where results go and what the report says about the database server (shared by the bench programs).</summary>
internal static class BenchEnvironment
{
    /// <summary>The checkout holding Tunda.sln above the running benchmark, else the current directory.</summary>
    public static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tunda.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    public static async Task<string> DescribeServerAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT current_setting('server_version'), current_setting('synchronous_commit')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}, synchronous_commit={reader.GetString(1)}";
    }

    /// <summary>The 1, 5 and 15 minute load averages, "n/a" where /proc is not readable.</summary>
    public static string LoadAverage() => ReadProc("/proc/loadavg", text => string.Join(' ', text.Split(' ').Take(3)));

    /// <summary>What <paramref name="read"/> makes of a /proc file, "n/a" where it is not readable.</summary>
    public static string ReadProc(string path, Func<string, string> read)
    {
        try
        {
            return read(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
