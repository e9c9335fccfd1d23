package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.model.ModelLoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an hls4ml project directory (the project root or its {@code firmware/} folder) into an
 * {@link Hls4mlProject}, exactly as hls4ml's Vivado and Vitis writers lay it out; anything in the top function it
 * does not recognise stops it with the file and line.
 */
public final class Hls4mlProjectParser
{
    private static final Pattern ARRAY_PARAMETER = Pattern.compile("(.+?)\\s*\\b(\\w+)\\s*\\[(.+)]");
    private static final Pattern SIZE_PARAMETER = Pattern.compile("unsigned\\s+short\\s*&\\s*const_size_(in|out)_\\d+");
    private static final Pattern LOADED_FLAG = Pattern.compile(
        "static\\s+bool\\s+loaded_weights\\s*=\\s*false\\s*;|if\\s*\\(\\s*!\\s*loaded_weights\\s*\\)\\s*\\{|" +
        "loaded_weights\\s*=\\s*true\\s*;|const_size_(in|out)_\\d+\\s*=\\s*[^;]+;");
    private static final Pattern LOAD_WEIGHTS = Pattern.compile(
        "nnet::load_(compressed_)?weights_from_txt\\s*<(.+)>\\s*\\(\\s*(\\w+)\\s*,\\s*\"([^\"]+)\"\\s*\\)\\s*;");
    private static final Pattern LOAD_OTHER = Pattern.compile("nnet::load_(\\w+)_weights_from_txt\\b.*");
    private static final Pattern SAVE_OUTPUT = Pattern.compile(
        "nnet::save_layer_output\\s*<.+>\\s*\\(\\s*(\\w+)\\s*,\\s*\"([^\"]*)\"\\s*,.*\\)\\s*;");
    private static final Pattern STREAM = Pattern.compile(".*\\bhls::stream\\s*<.*");
    private static final Pattern LOCAL_ARRAY = Pattern.compile("([\\w:]+(?:\\s*<.*>)?)\\s+(\\w+)\\s*\\[(.+)]\\s*;");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][\\w:]*)\\s*(?:<(.*)>)?\\s*\\((.*)\\)\\s*;");
    private static final Pattern DEFINE = Pattern.compile(
        "(?m)^[ \\t]*#[ \\t]*define[ \\t]+(\\w+)[ \\t]+(\\S.*?)\\s*$");
    private static final Pattern TYPEDEF = Pattern.compile("\\btypedef\\b");
    private static final Pattern TYPEDEF_BODY = Pattern.compile("(?s)typedef\\s+(.+?)\\s*\\b(\\w+)\\s*;");
    private static final Pattern STRUCT = Pattern.compile(
        "\\bstruct\\s+(\\w+)\\s*(?::\\s*(?:public\\s+)?([\\w:]+))?\\s*\\{");
    private static final Pattern OUT_OF_STRUCT_CONSTANT = Pattern.compile(
        "(?m)^\\s*const\\s+(.+?)\\s+(\\w+)::(\\w+)\\s*=\\s*([^;]+);");
    private static final Pattern CONSTANT = Pattern.compile(
        "(?s)static\\s+(?:const|constexpr)\\s+(?:constexpr\\s+|const\\s+)?(.+?)\\s+(\\w+)\\s*(?:=\\s*(.+))?");
    private static final Pattern ALIAS = Pattern.compile("(?s)template\\s*<.*?>\\s*using\\s+(\\w+)\\s*=\\s*(.+)");
    private static final Pattern WEIGHT_INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s+\"weights/(\\w+)\\.h\"");
    private static final Pattern WEIGHT_DECLARATION = Pattern.compile(
        "(?s)(?:static\\s+)?(?:const\\s+)?([\\w:]+(?:\\s*<[^;{]*?>)?)\\s+(\\w+)\\s*\\[\\s*([^\\]]+?)\\s*]\\s*" +
        "(=\\s*\\{((?:[^{}]++|\\{[^{}]*+})*+)})?\\s*;");

    private final Path directory;
    private final Path firmware;

    private Hls4mlProjectParser(final Path directory, final Path firmware)
    {
        this.directory = directory;
        this.firmware = firmware;
    }

    /** True when {@code dir} looks like an hls4ml project: a {@code defines.h}, here or in {@code firmware/}. */
    public static boolean isProject(final Path dir)
    {
        return Files.isRegularFile(dir.resolve("firmware").resolve("defines.h")) ||
            Files.isRegularFile(dir.resolve("defines.h")) && Files.isRegularFile(dir.resolve("parameters.h"));
    }

    /**
     * Parse the project at {@code dir}.
     *
     * @throws ModelLoadException naming the file and line of anything it cannot read.
     */
    public static Hls4mlProject parse(final Path dir)
    {
        final Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root))
        {
            throw new ModelLoadException("hls4ml project " + dir + ": not a directory");
        }
        final Path fw = Files.isRegularFile(root.resolve("firmware").resolve("defines.h")) ?
            root.resolve("firmware") : root;
        return new Hls4mlProjectParser(root, fw).parse();
    }

    private Hls4mlProject parse()
    {
        final String name = projectName();
        final CppText defines = read("defines.h");
        final Map<String, String> defineValues = new LinkedHashMap<>();
        final Map<String, SourceLocation> defineLocations = new LinkedHashMap<>();
        final Map<String, Hls4mlTypedef> typedefs = new LinkedHashMap<>();
        readDefines(defines, defineValues, defineLocations);
        readTypedefs(defines, typedefs);

        final CppText parameters = read("parameters.h");
        readDefines(parameters, defineValues, defineLocations);
        final Map<String, Hls4mlConfig> configs = readConfigs(parameters);

        final CppText top = read(name + ".cpp");
        final TopFunction function = new TopFunction(
            new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
        readTopFunction(top, name, function);

        final Map<String, Hls4mlWeights> weights = new LinkedHashMap<>();
        final Map<String, Hls4mlWeights> headers = readWeightHeaders(parameters);
        if (function.loads().isEmpty())
        {
            weights.putAll(headers);
        }
        else
        {
            for (final WeightLoad load : function.loads())
            {
                final Hls4mlWeights fromText = load.compressed() ?
                    readCompressedWeightText(load.array(), load.type(), load.size(), load.file(), load.at()) :
                    readWeightText(load.array(), load.type(), load.size(), load.file(), load.at());
                weights.put(fromText.name(), fromText);
            }
        }
        return new Hls4mlProject(directory, firmware, name, function.params(), function.locals(), function.calls(),
            function.saved(), defineValues, defineLocations, typedefs, configs, weights);
    }

    private String projectName()
    {
        final List<String> cpps = new ArrayList<>();
        try (Stream<Path> files = Files.list(firmware))
        {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".cpp")).sorted().forEach(cpps::add);
        }
        catch (final IOException ex)
        {
            throw error(relative("."), "cannot list: " + ex);
        }
        final List<String> tops = new ArrayList<>();
        for (final String cpp : cpps)
        {
            final String stem = cpp.substring(0, cpp.length() - 4);
            if (!stem.endsWith("_test") && !stem.endsWith("_bridge"))
            {
                tops.add(stem);
            }
        }
        if (tops.size() != 1)
        {
            throw error(relative("."), "expected exactly one top-function source <project>.cpp beside defines.h, " +
                "found " + (tops.isEmpty() ? "none" : String.join(".cpp, ", tops) + ".cpp"));
        }
        return tops.get(0);
    }

    private CppText read(final String file)
    {
        final Path path = firmware.resolve(file);
        try
        {
            return CppText.of(relative(file), Files.readString(path, StandardCharsets.ISO_8859_1));
        }
        catch (final IOException ex)
        {
            throw error(relative(file), Files.exists(path) ? "cannot read: " + ex : "missing file");
        }
    }

    private String relative(final String firmwareFile)
    {
        final String rel = directory.relativize(firmware.resolve(firmwareFile).normalize()).toString();
        return rel.isEmpty() ? "." : rel;
    }

    private static void readDefines(
        final CppText text, final Map<String, String> values, final Map<String, SourceLocation> locations)
    {
        final Matcher m = DEFINE.matcher(text.code());
        while (m.find())
        {
            values.put(m.group(1), m.group(2).strip());
            locations.put(m.group(1), text.at(m.start(1)));
        }
    }

    private void readTypedefs(final CppText text, final Map<String, Hls4mlTypedef> typedefs)
    {
        final String code = text.code();
        final Matcher m = TYPEDEF.matcher(code);
        int from = 0;
        while (m.find(from))
        {
            final int start = m.start();
            int end = start;
            int depth = 0;
            while (end < code.length() && (code.charAt(end) != ';' || depth > 0))
            {
                final char c = code.charAt(end);
                depth += c == '{' || c == '<' || c == '(' ? 1 : c == '}' || c == '>' || c == ')' ? -1 : 0;
                end++;
            }
            if (end >= code.length())
            {
                throw error(text.at(start).toString(), "typedef without a closing ';'");
            }
            final Matcher t = TYPEDEF_BODY.matcher(code.substring(start, end + 1));
            if (!t.matches())
            {
                throw error(text.at(start).toString(), "cannot parse typedef '" +
                    CppText.normalize(code.substring(start, end + 1)) + "'");
            }
            typedefs.put(t.group(2), new Hls4mlTypedef(t.group(2), CppText.normalize(t.group(1)), text.at(start)));
            from = end + 1;
        }
    }

    private Map<String, Hls4mlConfig> readConfigs(final CppText text)
    {
        final String code = text.code();
        final Map<String, Hls4mlConfig> configs = new LinkedHashMap<>();
        final Matcher m = STRUCT.matcher(code);
        int from = 0;
        while (m.find(from))
        {
            final int open = m.end() - 1;
            final int close = text.matching(open);
            if (close < 0)
            {
                throw error(text.at(m.start()).toString(), "struct " + m.group(1) + " is not closed");
            }
            final Map<String, Hls4mlConfigField> fields = new LinkedHashMap<>();
            int s = open + 1;
            while (s < close)
            {
                int e = s;
                while (e < close && code.charAt(e) != ';')
                {
                    e++;
                }
                final String statement = code.substring(s, e).strip();
                if (!statement.isEmpty())
                {
                    final int at = s + code.substring(s, e).indexOf(statement.charAt(0));
                    final Hls4mlConfigField field = field(statement, text.at(at));
                    fields.put(field.name(), field);
                }
                s = e + 1;
            }
            configs.put(m.group(1), new Hls4mlConfig(m.group(1), m.group(2) == null ? "" : m.group(2), fields,
                text.at(m.start())));
            from = close + 1;
        }
        final Matcher c = OUT_OF_STRUCT_CONSTANT.matcher(code);
        while (c.find())
        {
            final Hls4mlConfig config = configs.get(c.group(2));
            if (config != null)
            {
                final Map<String, Hls4mlConfigField> fields = new LinkedHashMap<>(config.fields());
                fields.put(c.group(3), new Hls4mlConfigField(c.group(3), Hls4mlConfigField.Kind.CONSTANT,
                    CppText.normalize(c.group(1)), c.group(4).strip(), text.at(c.start(3))));
                configs.put(config.name(), new Hls4mlConfig(config.name(), config.base(), fields, config.location()));
            }
        }
        return configs;
    }

    private Hls4mlConfigField field(final String statement, final SourceLocation at)
    {
        final Matcher t = TYPEDEF_BODY.matcher(statement + ";");
        if (statement.startsWith("typedef") && t.matches())
        {
            return new Hls4mlConfigField(t.group(2), Hls4mlConfigField.Kind.TYPEDEF, "",
                CppText.normalize(t.group(1)), at);
        }
        final Matcher a = ALIAS.matcher(statement);
        if (a.matches())
        {
            return new Hls4mlConfigField(a.group(1), Hls4mlConfigField.Kind.TEMPLATE_ALIAS, "",
                CppText.normalize(a.group(2)), at);
        }
        final Matcher c = CONSTANT.matcher(statement);
        if (c.matches())
        {
            return new Hls4mlConfigField(c.group(2), Hls4mlConfigField.Kind.CONSTANT, CppText.normalize(c.group(1)),
                c.group(3) == null ? "" : c.group(3).strip(), at);
        }
        throw error(at.toString(), "cannot parse config member '" + CppText.normalize(statement) + "'");
    }

    private void readTopFunction(final CppText text, final String name, final TopFunction function)
    {
        final String code = text.code();
        final Matcher head = Pattern.compile("\\bvoid\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(code);
        if (!head.find())
        {
            throw error(text.file(), "no definition of the top function 'void " + name + "(...)'");
        }
        final int open = head.end() - 1;
        final int close = text.matching(open);
        final int bodyOpen = close < 0 ? -1 : code.indexOf('{', close);
        final int bodyClose = bodyOpen < 0 ? -1 : text.matching(bodyOpen);
        if (bodyClose < 0 || !code.substring(close + 1, bodyOpen).isBlank())
        {
            throw error(text.at(head.start()).toString(), "cannot find the body of the top function " + name);
        }
        int offset = open + 1;
        for (final String part : CppText.splitTopLevel(code.substring(open + 1, close)))
        {
            final int at = code.indexOf(part, offset);
            offset = at + part.length();
            final SourceLocation where = text.at(at);
            final Matcher array = ARRAY_PARAMETER.matcher(part);
            if (STREAM.matcher(part).matches())
            {
                throw error(where.toString(), "top function argument '" + CppText.normalize(part) +
                    "' is an hls::stream: io_stream projects are not supported (supported: io_parallel)");
            }
            else if (SIZE_PARAMETER.matcher(part).matches())
            {
                continue;
            }
            else if (array.matches())
            {
                function.params().add(new Hls4mlArray(array.group(2), CppText.normalize(array.group(1)),
                    array.group(3).strip(), where));
            }
            else
            {
                throw error(where.toString(), "top function argument '" + CppText.normalize(part) +
                    "' is not an array (supported: io_parallel arrays type name[size])");
            }
        }
        readBody(text, bodyOpen + 1, bodyClose, function);
    }

    private void readBody(final CppText text, final int from, final int to, final TopFunction function)
    {
        final String[] lines = text.code().substring(from, to).split("\n", -1);
        final int firstLine = text.lineOf(from);
        final StringBuilder statement = new StringBuilder();
        int statementLine = 0;
        for (int i = 0; i < lines.length; i++)
        {
            String line = lines[i].strip();
            final int lineNumber = firstLine + i;
            if (line.startsWith("#"))
            {
                continue;
            }
            while (line.startsWith("}"))
            {
                line = line.substring(1).strip();
            }
            while (line.endsWith("}") && !line.contains("{"))
            {
                line = line.substring(0, line.length() - 1).strip();
            }
            if (line.isEmpty())
            {
                continue;
            }
            if (statement.length() == 0)
            {
                statementLine = lineNumber;
            }
            statement.append(statement.length() == 0 ? "" : " ").append(line);
            if (!line.endsWith(";") && !line.endsWith("{"))
            {
                continue;
            }
            statement(statement.toString(), new SourceLocation(text.file(), statementLine),
                text.commentOf(lineNumber), function);
            statement.setLength(0);
        }
        if (statement.length() > 0)
        {
            throw error(new SourceLocation(text.file(), statementLine).toString(), "statement '" + statement +
                "' does not end with ';'");
        }
    }

    private void statement(final String s, final SourceLocation at, final String comment, final TopFunction function)
    {
        Matcher m;
        if (LOADED_FLAG.matcher(s).matches())
        {
            return;
        }
        if ((m = LOAD_WEIGHTS.matcher(s)).matches())
        {
            final List<String> args = CppText.splitTopLevel(m.group(2));
            if (args.size() != 2)
            {
                throw error(at.toString(), "cannot parse weight load '" + s + "'");
            }
            function.loads().add(new WeightLoad(
                m.group(3), CppText.normalize(args.get(0)), args.get(1), m.group(4), m.group(1) != null, at));
            return;
        }
        if ((m = LOAD_OTHER.matcher(s)).matches())
        {
            throw error(at.toString(), "nnet::load_" + m.group(1) + "_weights_from_txt: " + m.group(1) +
                " weights are not supported (supported: plain weight arrays, nnet::load_weights_from_txt)");
        }
        if ((m = SAVE_OUTPUT.matcher(s)).matches())
        {
            function.saved().put(m.group(1), m.group(2));
            return;
        }
        if (STREAM.matcher(s).matches())
        {
            throw error(at.toString(), "'" + s + "' declares an hls::stream: io_stream projects are not supported " +
                "(supported: io_parallel)");
        }
        if ((m = LOCAL_ARRAY.matcher(s)).matches())
        {
            function.locals().put(
                m.group(2), new Hls4mlArray(m.group(2), CppText.normalize(m.group(1)), m.group(3).strip(), at));
            return;
        }
        if ((m = CALL.matcher(s)).matches())
        {
            function.calls().add(new Hls4mlCall(m.group(1), m.group(2) == null ? List.of() :
                CppText.splitTopLevel(m.group(2)).stream().map(CppText::normalize).toList(),
                CppText.splitTopLevel(m.group(3)), comment, at));
            return;
        }
        throw error(at.toString(), "statement '" + s + "' is not an hls4ml layer call, array declaration or weight " +
            "load (a custom or hand-edited top function is not supported)");
    }

    private Map<String, Hls4mlWeights> readWeightHeaders(final CppText parameters)
    {
        final Map<String, Hls4mlWeights> weights = new LinkedHashMap<>();
        final Matcher m = WEIGHT_INCLUDE.matcher(parameters.code());
        while (m.find())
        {
            final String file = "weights/" + m.group(1) + ".h";
            if (!Files.isRegularFile(firmware.resolve(file)))
            {
                throw error(parameters.at(m.start()).toString(), "missing weight file " + relative(file));
            }
            final CppText h = read(file);
            final Matcher d = WEIGHT_DECLARATION.matcher(h.code());
            Hls4mlWeights found = null;
            while (d.find())
            {
                if (d.group(4) != null)
                {
                    final List<String> values = new ArrayList<>();
                    for (final String v : CppText.splitTopLevel(d.group(5)))
                    {
                        values.add(v);
                    }
                    found = new Hls4mlWeights(d.group(2), CppText.normalize(d.group(1)), d.group(3), values,
                        h.at(d.start()));
                }
            }
            if (found == null)
            {
                throw error(h.file(), "no initialised weight array 'TYPE NAME[SIZE] = {...};' (the project has no " +
                    "weight text files, so the values must be here)");
            }
            weights.put(found.name(), found);
        }
        return weights;
    }

    private Hls4mlWeights readWeightText(
        final String array, final String typeName, final String size, final String file, final SourceLocation at)
    {
        final String relativeFile = "weights/" + file;
        final String first = firstLine(array, relativeFile, at);
        final List<String> values = new ArrayList<>();
        if (!first.isEmpty())
        {
            // std::getline(iss, token, ','): a trailing comma ends the last token without starting an empty one.
            final String[] tokens = first.split(",", -1);
            final int n = first.endsWith(",") ? tokens.length - 1 : tokens.length;
            for (int i = 0; i < n; i++)
            {
                values.add(tokens[i].strip());
            }
        }
        return new Hls4mlWeights(array, typeName, size, values, new SourceLocation(relative(relativeFile), 1));
    }

    /**
     * A compressed weight file as {@code load_compressed_weights_from_txt} reads it: the first line split at
     * {@code '{'}, each token stripped of {@code '}'} and spaces and of one trailing comma, its commas read as
     * spaces; each value is that token ("row col weight") for the importer to parse.
     */
    private Hls4mlWeights readCompressedWeightText(
        final String array, final String typeName, final String size, final String file, final SourceLocation at)
    {
        final String relativeFile = "weights/" + file;
        final String first = firstLine(array, relativeFile, at);
        final List<String> values = new ArrayList<>();
        for (final String raw : first.split("\\{", -1))
        {
            if (raw.isEmpty())
            {
                continue;
            }
            String token = raw.replace("}", "").replace(" ", "");
            if (token.isEmpty())
            {
                throw error(relative(relativeFile) + ":1", "entry '{" + raw + "' of '" + array + "' is empty " +
                    "(the C simulation reads past it; hls4ml writes '{row, col, weight}' entries)");
            }
            if (token.endsWith(","))
            {
                token = token.substring(0, token.length() - 1);
            }
            values.add(token.replace(',', ' ').strip());
        }
        return new Hls4mlWeights(array, typeName, size, values, new SourceLocation(relative(relativeFile), 1));
    }

    /** The first line of a weight text file, the only one the C simulation's loaders read; more lines are refused. */
    private String firstLine(final String array, final String relativeFile, final SourceLocation at)
    {
        final Path path = firmware.resolve(relativeFile);
        if (!Files.isRegularFile(path))
        {
            throw error(at.toString(), "missing weight file " + relative(relativeFile) + " for array " + array);
        }
        final String content;
        try
        {
            content = Files.readString(path, StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            throw error(relative(relativeFile), "cannot read: " + ex);
        }
        final String[] lines = content.split("\n", -1);
        for (int i = 1; i < lines.length; i++)
        {
            if (!lines[i].isBlank())
            {
                throw error(relative(relativeFile) + ":" + (i + 1), "values after the first line; hls4ml's " +
                    "load_weights_from_txt reads only the first line, so this file is not as hls4ml writes it");
            }
        }
        return lines[0].endsWith("\r") ? lines[0].substring(0, lines[0].length() - 1) : lines[0];
    }

    private ModelLoadException error(final String where, final String what)
    {
        return new ModelLoadException("hls4ml project " + directory + ": " + where + ": " + what);
    }

    /** What the top function declares, filled statement by statement while its text is read. */
    private record TopFunction(
        List<Hls4mlArray> params,
        Map<String, Hls4mlArray> locals,
        List<Hls4mlCall> calls,
        Map<String, String> saved,
        List<WeightLoad> loads)
    {
    }

    /** One {@code nnet::load_[compressed_]weights_from_txt<type, size>(array, "file")} call of the top function. */
    private record WeightLoad(
        String array, String type, String size, String file, boolean compressed, SourceLocation at)
    {
    }
}
