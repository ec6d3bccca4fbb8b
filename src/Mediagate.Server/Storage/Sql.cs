using System.Data.Common;

namespace Mediagate.Server.Storage;

/// <summary>Small helpers for the hot paths written in SQL, which runs on SQLite and PostgreSQL alike (quoted names, @parameters).</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, string text, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    public static long? Long(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
}
