package io.l1infer.fpga.hls4ml;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one C++ file with comments blanked out (line structure kept, so offsets still map to lines), and
 * each line's {@code //} comment kept apart, since hls4ml writes a layer's name as a trailing comment.
 */
final class CppText
{
    private final String file;
    private final String code;
    private final List<String> lineComments;
    private final int[] lineStarts;

    private CppText(final String file, final String code, final List<String> lineComments)
    {
        this.file = file;
        this.code = code;
        this.lineComments = lineComments;
        final List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < code.length(); i++)
        {
            if (code.charAt(i) == '\n')
            {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Blank every comment of {@code source} outside string and character literals. */
    static CppText of(final String file, final String source)
    {
        final StringBuilder code = new StringBuilder(source.length());
        final List<String> comments = new ArrayList<>();
        StringBuilder comment = new StringBuilder();
        int i = 0;
        final int n = source.length();
        while (i < n)
        {
            final char c = source.charAt(i);
            if (c == '\r')
            {
                i++;
            }
            else if (c == '\n')
            {
                code.append('\n');
                comments.add(comment.toString().strip());
                comment = new StringBuilder();
                i++;
            }
            else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/')
            {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                comment.append(source, i + 2, end);
                i = end;
            }
            else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*')
            {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++)
                {
                    code.append(source.charAt(k) == '\n' ? '\n' : ' ');
                    if (source.charAt(k) == '\n')
                    {
                        comments.add(comment.toString().strip());
                        comment = new StringBuilder();
                    }
                }
                i = end;
            }
            else if (c == '"' || c == '\'')
            {
                int k = i + 1;
                while (k < n && source.charAt(k) != c && source.charAt(k) != '\n')
                {
                    k += source.charAt(k) == '\\' ? 2 : 1;
                }
                k = Math.min(n, k + 1);
                code.append(source, i, k);
                i = k;
            }
            else
            {
                code.append(c);
                i++;
            }
        }
        comments.add(comment.toString().strip());
        return new CppText(file, code.toString(), comments);
    }

    String file()
    {
        return file;
    }

    String code()
    {
        return code;
    }

    /** 1-based line of character offset {@code offset}. */
    int lineOf(final int offset)
    {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    SourceLocation at(final int offset)
    {
        return new SourceLocation(file, lineOf(offset));
    }

    /** The {@code //} comment of 1-based line {@code line}, empty when it has none. */
    String commentOf(final int line)
    {
        return line - 1 < lineComments.size() ? lineComments.get(line - 1) : "";
    }

    /** Offset of the bracket closing the one at {@code open} ('(' '{' '<' '['), or -1. */
    int matching(final int open)
    {
        final char o = code.charAt(open);
        final char c = o == '(' ? ')' : o == '{' ? '}' : o == '[' ? ']' : '>';
        int depth = 0;
        for (int i = open; i < code.length(); i++)
        {
            final char ch = code.charAt(i);
            if (ch == o)
            {
                depth++;
            }
            else if (ch == c && --depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /** Split {@code text} at commas outside any brackets, each part stripped; empty text gives no parts. */
    static List<String> splitTopLevel(final String text)
    {
        final List<String> parts = new ArrayList<>();
        if (text.isBlank())
        {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char ch = text.charAt(i);
            if (ch == '<' || ch == '(' || ch == '[' || ch == '{')
            {
                depth++;
            }
            else if (ch == '>' || ch == ')' || ch == ']' || ch == '}')
            {
                depth--;
            }
            else if (ch == ',' && depth == 0)
            {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    /** Collapse runs of white space to one blank, so texts compare as the compiler sees them. */
    static String normalize(final String text)
    {
        return text.strip().replaceAll("\\s+", " ").replaceAll("\\s*([<>,():\\[\\]])\\s*", "$1");
    }
}
