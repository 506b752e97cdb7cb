// The floors of core/ (docs/architecture.md, "Floors"): a folder includes from itself and from the floors below it,
// never from above nor from a sibling on its own floor. The table is read from the document itself, so the two
// cannot drift apart.
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Folder → floor, from the rows "| N | `a`, `b` | …" of the document's "## Floors" section.
std::map<std::string, int> floorsIn(const std::string& document) {
    std::map<std::string, int> floors;
    const auto start = document.find("\n## Floors\n");
    if (start == std::string::npos) return floors;
    const auto end = document.find("\n## ", start + 1);
    std::istringstream section(document.substr(start, end == std::string::npos ? std::string::npos : end - start));
    const std::regex row("^\\| (\\d+) \\| ([^|]+)\\|");
    const std::regex folder("`([a-z_/]+)`");
    for (std::string line; std::getline(section, line);) {
        std::smatch cells;
        if (!std::regex_search(line, cells, row)) continue;
        const std::string folders = cells[2];
        for (std::sregex_iterator it(folders.begin(), folders.end(), folder), done; it != done; ++it)
            floors[(*it)[1]] = std::stoi(cells[1]);
    }
    return floors;
}

/// Every include of core/ that breaks the floors, as "core/orders/basket.h:4: orders (floor 2) includes
/// store/orderstore.h (floor 6)"; also a folder the table does not place.
std::vector<std::string> breaches(const fs::path& core, const std::map<std::string, int>& floors) {
    std::vector<std::string> found;
    const std::regex include("^\\s*#\\s*include\\s*\"([a-z_]+)/([^\"]+)\"");
    for (const auto& folder : fs::directory_iterator(core)) {
        if (!folder.is_directory()) continue;
        const auto name = folder.path().filename().string();
        const auto own = floors.find(name);
        if (own == floors.end()) {
            found.push_back("core/" + name + " is on no floor of the table");
            continue;
        }
        for (const auto& file : fs::recursive_directory_iterator(folder.path())) {
            const auto extension = file.path().extension();
            if (extension != ".h" && extension != ".cpp") continue;
            const auto relative = fs::relative(file.path(), core.parent_path()).string();
            // The QuickFIX adapter is an island: it includes nothing of core/.
            const bool island = relative.starts_with("core/fix/quickfix/");
            std::ifstream in(file.path());
            int number = 0;
            for (std::string line; std::getline(in, line);) {
                ++number;
                std::smatch target;
                if (!std::regex_search(line, target, include)) continue;
                const auto other = floors.find(target[1]);
                if (other == floors.end()) continue;  // not a folder of core/
                const std::string where = relative + ":" + std::to_string(number) + ": ";
                if (island) {
                    found.push_back(where + "the QuickFIX adapter includes " + std::string(target[1]) + "/" +
                                    std::string(target[2]));
                } else if (other->first != name && other->second >= own->second) {
                    found.push_back(where + name + " (floor " + std::to_string(own->second) + ") includes " + other->first + "/" +
                                    std::string(target[2]) + " (floor " + std::to_string(other->second) + ")");
                }
            }
        }
    }
    return found;
}

QString joined(const std::vector<std::string>& lines) {
    QString text;
    for (const auto& line : lines) text += QString::fromStdString(line) + QLatin1Char('\n');
    return text;
}

}  // namespace

class TestFloors final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void coreKeepsItsFloors() {
        const fs::path source(OPENBLOTTER_SOURCE_DIR);
        const auto floors = floorsIn(readText(source / "docs" / "architecture.md"));
        QCOMPARE(floors.size(), std::size_t(13));
        QCOMPARE(floors.at("domain"), 0);
        QCOMPARE(floors.at("sim"), 9);
        const auto found = breaches(source / "core", floors);
        QVERIFY2(found.empty(), qPrintable(joined(found)));
    }

    // The windows read history through its port and change the book only through the engine: of the store they
    // include store/history.h alone (not orderstore.h, nor the SQLite store or its writer).
    void theUiIncludesNoStorePortButHistoryNorQuickFix() {
        const fs::path ui = fs::path(OPENBLOTTER_SOURCE_DIR) / "ui";
        const std::regex forbidden("#\\s*include\\s*[\"<](store/(?!history\\.h\")|fix/quickfix/|quickfix/)");
        QVERIFY(std::regex_search(std::string("#include \"store/orderstore.h\""), forbidden));
        QVERIFY(std::regex_search(std::string("#include \"store/sqlitestore.h\""), forbidden));
        QVERIFY(!std::regex_search(std::string("#include \"store/history.h\""), forbidden));
        std::vector<std::string> found;
        int files = 0;
        for (const auto& file : fs::recursive_directory_iterator(ui)) {
            if (file.path().extension() != ".h" && file.path().extension() != ".cpp") continue;
            ++files;
            if (std::regex_search(readText(file.path()), forbidden)) found.push_back(file.path().string());
        }
        QVERIFY(files > 50);
        QVERIFY2(found.empty(), qPrintable(joined(found)));
    }

    void namesAnIncludeThatBreaksTheFloors() {
        QTemporaryDir dir;
        const fs::path core = fs::path(dir.path().toStdString()) / "core";
        fs::create_directories(core / "orders");
        fs::create_directories(core / "store");
        fs::create_directories(core / "fix" / "quickfix");
        fs::create_directories(core / "extra");
        std::ofstream(core / "orders" / "basket.h") << "#pragma once\n\n#include \"store/orderstore.h\"\n";
        std::ofstream(core / "store" / "orderstore.h") << "#include \"orders/order.h\"\n#include \"store/unit.h\"\n";
        std::ofstream(core / "fix" / "quickfix" / "bridge.cpp") << "#include \"fixengine.h\"\n#include \"orders/order.h\"\n";
        const std::map<std::string, int> floors{{"orders", 2}, {"store", 6}, {"fix", 8}};
        QCOMPARE(joined(breaches(core, floors)).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 3);
        const auto text = joined(breaches(core, floors));
        QVERIFY2(text.contains(QStringLiteral("core/orders/basket.h:3: orders (floor 2) includes store/orderstore.h (floor 6)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("core/fix/quickfix/bridge.cpp:2: the QuickFIX adapter includes orders/order.h")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("core/extra is on no floor of the table")), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestFloors)
#include "tst_floors.moc"
