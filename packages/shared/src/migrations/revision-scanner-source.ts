/**
 * The Python half of the revision scanner, kept as text so the bundled action carries it (the bundler carries no .py files).
 * It reads alembic.ini and every revision file with `ast` only: nothing is imported or executed, so a migration's
 * imports (or the app's) never need to be installed for the gate to read it.
 *
 * argv: <alembic.ini> <ini section>. Prints one JSON document on stdout.
 */
export const REVISION_SCANNER_PY = String.raw`
import ast, configparser, json, os, sys

config_path, section = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(config_path))
parser = configparser.ConfigParser(defaults={"here": here})
problems = []

def fail(message):
    print(json.dumps({"fatal": message}))
    sys.exit(0)

try:
    if not parser.read(config_path):
        fail("cannot read " + config_path)
except configparser.Error as error:
    fail("cannot parse " + config_path + ": " + str(error).splitlines()[0])
if not parser.has_section(section):
    fail(config_path + " has no [" + section + "] section")
script_location = parser.get(section, "script_location", fallback=None)
if not script_location:
    fail(config_path + " sets no script_location in [" + section + "]")
if ":" in script_location and not os.path.isabs(script_location) and not os.path.exists(script_location):
    fail("script_location '" + script_location + "' names a Python package; give the gate a folder path instead")

def resolve(path):
    return os.path.normpath(path if os.path.isabs(path) else os.path.join(here, path))

script_dir = resolve(script_location)
raw_locations = parser.get(section, "version_locations", fallback=None)
if raw_locations:
    separator = {"os": os.pathsep, "space": " ", "colon": ":", "semicolon": ";", "newline": "\n"}.get(
        parser.get(section, "version_path_separator", fallback="legacy"))
    pieces = raw_locations.split(separator) if separator else raw_locations.replace(",", " ").split()
    version_dirs = [resolve(piece.strip()) for piece in pieces if piece.strip()]
else:
    version_dirs = [os.path.join(script_dir, "versions")]

def literal(node):
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None

def as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [item for item in value if isinstance(item, str)]
    return []

def text_of(node):
    """A string literal, or sa.text("...") / text("...") of one; None when the SQL is built at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call) and node.args and getattr(node.func, "attr", getattr(node.func, "id", None)) == "text":
        return text_of(node.args[0])
    return None

# Where each operation names the table it changes: (positional index, keyword names).
TABLE_ARGUMENT = {
    "create_table": (0, ("table_name",)), "drop_table": (0, ("table_name",)), "rename_table": (0, ("old_table_name",)),
    "add_column": (0, ("table_name",)), "drop_column": (0, ("table_name",)), "alter_column": (0, ("table_name",)),
    "create_index": (1, ("table_name",)), "drop_index": (1, ("table_name",)),
    "create_foreign_key": (1, ("source_table", "source")), "create_unique_constraint": (1, ("table_name", "source")),
    "create_check_constraint": (1, ("table_name", "source")), "create_primary_key": (1, ("table_name",)),
    "create_exclude_constraint": (1, ("table_name",)), "drop_constraint": (1, ("table_name",)),
    "create_table_comment": (0, ("table_name",)), "drop_table_comment": (0, ("table_name",)),
}

def table_of(name, call):
    position, keywords = TABLE_ARGUMENT.get(name, (None, ()))
    for keyword in call.keywords:
        if keyword.arg in keywords:
            value = literal(keyword.value)
            return value if isinstance(value, str) else None
    if position is not None and len(call.args) > position:
        value = literal(call.args[position])
        return value if isinstance(value, str) else None
    return None

class OperationCollector(ast.NodeVisitor):
    """op.<name>(...) calls, and calls on batch_alter_table's handle, in source order."""

    def __init__(self):
        self.operations = []
        self.batch_tables = {}

    def visit_With(self, node):
        for item in node.items:
            call = item.context_expr
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "batch_alter_table"
                    and isinstance(item.optional_vars, ast.Name)):
                table = literal(call.args[0]) if call.args else None
                self.batch_tables[item.optional_vars.id] = table if isinstance(table, str) else None
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner, name = func.value.id, func.attr
            if owner == "op" and name not in ("get_context", "get_bind", "batch_alter_table", "f", "inline_literal"):
                self.record(name, node, table_of(name, node))
            elif owner in self.batch_tables:
                self.record(name, node, self.batch_tables[owner])
        self.generic_visit(node)

    def record(self, name, node, table):
        sql = text_of(node.args[0]) if name == "execute" and node.args else None
        self.operations.append({"call": name, "line": node.lineno, "endLine": getattr(node, "end_lineno", node.lineno),
                                "table": table, "sql": sql})

def scan(path):
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        problems.append({"file": path, "line": error.lineno or 1, "message": "is not valid Python: " + str(error.msg)})
        return None
    found = {"file": path}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and node.value is not None:
                found[target.id] = (literal(node.value), node.lineno)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "upgrade":
            collector = OperationCollector()
            for statement in node.body:
                collector.visit(statement)
            found["upgrade"] = (node.lineno, sorted(collector.operations, key=lambda op: op["line"]))
    if "revision" not in found:
        return None
    revision, revision_line = found["revision"]
    if not isinstance(revision, str):
        problems.append({"file": path, "line": revision_line, "message": "sets revision to something other than a string literal"})
        return None
    phase, phase_line = found.get("phase", (None, None))
    upgrade_line, operations = found.get("upgrade", (revision_line, []))
    return {
        "file": path,
        "revision": revision,
        "line": revision_line,
        "downRevisions": as_list(found.get("down_revision", (None, 0))[0]),
        "branchLabels": as_list(found.get("branch_labels", (None, 0))[0]),
        "dependsOn": as_list(found.get("depends_on", (None, 0))[0]),
        "phase": phase if isinstance(phase, str) or phase is None else repr(phase),
        "phaseLine": phase_line,
        "upgradeLine": upgrade_line,
        "operations": operations,
    }

revisions = []
for directory in version_dirs:
    if not os.path.isdir(directory):
        problems.append({"file": directory, "line": None, "message": "is not a folder (from script_location / version_locations)"})
        continue
    for name in sorted(os.listdir(directory)):
        if name.endswith(".py") and not name.startswith("__"):
            found = scan(os.path.join(directory, name))
            if found:
                revisions.append(found)

print(json.dumps({"scriptLocation": script_dir, "versionDirs": version_dirs, "revisions": revisions, "problems": problems}))
`;
