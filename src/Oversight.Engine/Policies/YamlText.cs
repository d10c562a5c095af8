using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

/// <summary>
/// Parses YAML text into a document tree, turning every way the parser can fail into one located
/// problem. YamlDotNet reports most syntax errors as <see cref="YamlException"/> with a position,
/// but some (a flow mapping left open on a rule line) escape its scanner as other exceptions;
/// those are placed where the scanner stopped.
/// </summary>
internal static class YamlText
{
    /// <summary>Nesting deeper than this is refused: no policy needs it, and the tree is built recursively.</summary>
    public const int MaxDepth = 64;

    public static YamlStream? Parse(string text, string file, out PolicyProblem? problem)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new DepthLimitedParser(new Parser(scanner));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
            problem = null;
            return stream;
        }
        catch (YamlException e)
        {
            var stop = e.Start.Line > 0 ? e.Start : scanner.CurrentPosition;
            problem = Message(e).Contains("flow", StringComparison.OrdinalIgnoreCase) && OpenBracket(text, stop) is { } open
                ? Unclosed(file, open, stop)
                : new PolicyProblem(file, Line(e.Start, scanner), Column(e.Start, scanner), "not valid YAML: " + Message(e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            var stop = scanner.CurrentPosition;
            problem = OpenBracket(text, stop) is { } open
                ? Unclosed(file, open, stop)
                : new PolicyProblem(file, (int)stop.Line, (int)stop.Column, "not valid YAML: the text cannot be read past this point");
        }

        return null;
    }

    private static PolicyProblem Unclosed(string file, (int Line, int Column, char Bracket) open, Mark stop) =>
        new(file, open.Line, open.Column, $"not valid YAML: this '{open.Bracket}' is not closed (the text cannot be read past line {stop.Line}, column {stop.Column})");

    private static string Message(YamlException e) => (e.InnerException?.Message ?? e.Message).TrimEnd('.');

    private static int Line(Mark mark, Scanner scanner) => mark.Line > 0 ? (int)mark.Line : (int)scanner.CurrentPosition.Line;

    private static int Column(Mark mark, Scanner scanner) => mark.Line > 0 ? (int)mark.Column : (int)scanner.CurrentPosition.Column;

    /// <summary>
    /// The innermost <c>{</c> or <c>[</c> still open at <paramref name="stop"/>, skipping quoted
    /// text and comments: where the parser gave up is usually a line after the bracket that was
    /// never closed, and the bracket is what the author needs to see.
    /// </summary>
    private static (int Line, int Column, char Bracket)? OpenBracket(string text, Mark stop)
    {
        var open = new Stack<(int Line, int Column, char Bracket)>();
        int line = 1, column = 1;
        char? quote = null;
        var comment = false;
        for (var i = 0; i < text.Length && (line < stop.Line || (line == stop.Line && column < stop.Column)); i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                column = 1;
                comment = false;
                continue;
            }

            if (comment)
            {
                column++;
                continue;
            }

            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'' && (i == 0 || " \t{[,:".Contains(text[i - 1], StringComparison.Ordinal)))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                comment = true;
            }
            else if (c is '{' or '[')
            {
                open.Push((line, column, c));
            }
            else if (c is '}' or ']' && open.Count > 0)
            {
                open.Pop();
            }

            column++;
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    /// <summary>Stops at the first collection nested more than <see cref="MaxDepth"/> deep.</summary>
    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case SequenceStart or MappingStart when ++depth > MaxDepth:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"nested more than {MaxDepth} levels deep");
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }

            return true;
        }
    }
}
