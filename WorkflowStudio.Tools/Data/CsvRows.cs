using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowStudio.Tools.Data;

/// <summary>RFC 4180 CSV (header row first) into JSON objects; numbers and true/false become typed values.</summary>
internal static class CsvRows
{
    public static List<JsonObject> Parse(string text)
    {
        var records = Records(text).Where(r => r.Count > 1 || r[0].Length > 0).ToList();
        if (records.Count == 0)
        {
            return [];
        }
        var header = records[0];
        var rows = new List<JsonObject>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var row = new JsonObject();
            for (var c = 0; c < header.Count; c++)
            {
                row[header[c]] = c < records[r].Count ? Typed(records[r][c]) : null;
            }
            rows.Add(row);
        }
        return rows;
    }

    private static JsonNode? Typed(string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }
        if (long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        return cell is "true" or "false" ? cell == "true" : cell;
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    record.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(cell.ToString());
                    cell.Clear();
                    yield return record;
                    record = [];
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            yield return record;
        }
    }
}
