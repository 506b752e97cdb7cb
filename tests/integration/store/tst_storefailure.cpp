// The order engine after its store stops writing, made to fail for real: a database that cannot grow (the
// file size limit, which any process may set) and a disk that is full (a small tmpfs, where the kernel lets a
// test mount one). Both run the same scenario: the engine halts at once and says why, nothing changes its book
// after that, every command is refused with the reason, and a restart once the store can write again resumes
// from what the store holds while the broker's resent reports complete the book.
#include "compliancedesk.h"
#include "filesizelimit.h"
#include "mountedchild.h"
#include "reports.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>

using namespace ob;
using test::report;
using namespace std::chrono_literals;

namespace {

const Actor kTrader{"trader1", Role::Trader};
const Actor kOfficer{"officer", Role::ComplianceOfficer};
const Actor kPm{"pm", Role::PortfolioManager};

test::ComplianceDesk::Setup setup() {
    auto restricted = test::testRule(1, "Restricted list", RuleKind::RestrictedList);
    restricted.symbols = {"RST"};
    RuleBook rules;
    rules.rules = {restricted};
    return {test::oneFund({test::testInstrument("AAA", "AAA Corp", "Technology", "100"),
                           test::testInstrument("RST", "Restricted Co", "Energy", "20")}),
            {{"FUND", "AAA", Qty::of("500"), Price::of("100")}, {"FUND", "CASH", Qty::of("900000"), std::nullopt}},
            rules};
}

NewOrderRequest marketOrder(const char* symbol, const char* qty) {
    return {test::kSession, "ACC", symbol, Side::Buy, {Qty::of(qty), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
}

Inbound<ExecutionReport> fill(const OrderState& order, const char* qty, const char* px, const char* cum, const char* execId,
                              std::int64_t msgSeqNum) {
    Inbound<ExecutionReport> fill =
        report(order.clOrdId, ExecType::Trade).session(test::kSession).execId(execId).orderId("B1").fill(qty, px).cumQty(cum);
    fill.envelope.msgSeqNum = msgSeqNum;
    fill.envelope.raw = std::string("35=8|17=") + execId;
    return fill;
}

/// How a scenario makes the store's next write fail, and how it lets the store write again.
struct DiskTrouble {
    std::function<void()> start;
    std::function<void()> end;
};

/// The book as the scenario compares it: the order, the day's fills, the account's and the fund's positions, the cash.
std::string bookLine(const BookSnapshot& book, OrderId id) {
    std::string line;
    for (const auto& order : book.orders)
        if (order.id == id) line += std::string(order.statusName()) + " " + order.cumQty.toString();
    line += "; fills";
    for (const auto& execution : book.executions)
        if (execution.orderId == id && execution.execType == ExecType::Trade) line += " " + execution.execId;
    for (const auto& position : book.positions) line += "; " + position.account + " " + position.quantity.toString();
    for (const auto& position : book.fundPositions)
        if (position.symbol == "AAA") line += "; " + position.account + " " + position.quantity.toString();
    for (const auto& cash : book.fundCash) line += "; cash " + cash.amount.toString();
    return line;
}

/// The scenario, on a desk in `directory`, as lines of text (a child process sends it back so): what the engine
/// published when the store failed, what each command answered then, and the book at each step.
std::string haltAndResume(const QString& directory, const DiskTrouble& trouble) {
    std::string transcript;
    const auto say = [&](const std::string& line) { transcript += line + "\n"; };
    test::ComplianceDesk desk(directory, setup());
    const auto working = desk.engine->submit(marketOrder("AAA", "100"), kTrader).get().value();
    const auto held = desk.engine->submit(marketOrder("RST", "10"), kTrader).get().value();
    desk.engine->post(fill(working, "40", "100", "40", "X1", 5));
    if (!desk.engine->sync(10s)) return "the first fill was not committed";
    // The router's record that the orders were handed over is a unit too: committed before the store fails, or it
    // would be the unit that halts the engine, before the second fill.
    if (!desk.engine->syncRouter(10s) || !desk.engine->sync(10s)) return "the orders were not handed over";

    trouble.start();
    desk.engine->post(fill(working, "30", "101", "70", "X2", 6));  // applied, but its unit cannot be committed
    // The engine learns of the failure from the store, with nothing more posted to it.
    std::optional<ChangeSet> halting;
    for (auto waited = 0ms; !halting && waited < 10s; waited += 10ms) {
        for (const auto& changes : desk.published())
            if (!changes.halted.empty()) halting = changes;
        if (!halting) std::this_thread::sleep_for(10ms);
    }
    if (!halting) return "no change set said the engine halted within 10 s of the store's failure";
    const auto& reason = halting->halted;
    say("reason: " + reason);
    for (const auto& alert : halting->alerts)
        say(std::string("alert: ") + (alert.severity == EngineAlert::Severity::Error ? "error" : "warning") + " on order " +
            std::to_string(alert.orderId) + (alert.message == reason ? ", the reason" : ": " + alert.message));

    const auto answer = [&](const char* command, const std::string& error) {
        say(std::string(command) + ": " + (error == reason ? "refused with the reason" : "answered " + error));
    };
    const auto errorOf = [](const auto& result) { return result ? std::string("done") : result.error(); };
    const auto detailOf = [](const Outcome& outcome) { return outcome.isApplied() ? std::string("done") : outcome.detail; };
    answer("submit", errorOf(desk.engine->submit(marketOrder("AAA", "5"), kTrader).get()));
    answer("cancel the held order", detailOf(desk.engine->cancel(held.id, kTrader).get()));
    answer("cancel the working order", detailOf(desk.engine->cancel(working.id, kTrader).get()));
    auto terms = working.terms;
    terms.quantity = Qty::of("200");
    answer("replace", detailOf(desk.engine->replace(working.id, terms, kTrader).get()));
    const auto breach = desk.breachesOf(held.id).at(0);
    answer("override the breach",
           errorOf(desk.engine->decideBreach(breach.id, BreachDecision::Override, kOfficer, "cleared").get()));
    answer("import positions",
           errorOf(desk.engine->setOpeningPositions({{"FUND", "AAA", Qty::of("1"), Price::of("100")}}, kPm, "p.csv").get()));
    answer("add a user", errorOf(desk.engine->setUser({"ann", Role::Trader, "Ann", true, "scrypt$hash"}, Actor::system()).get()));
    const auto statusOf = [](const Status& status) { return status ? std::string("done") : status.error(); };
    answer("record an export", statusOf(desk.engine->recordExport(kOfficer, "rules", "rules.json").get()));

    // A fill that arrives now changes nothing: the broker resends it once the desk runs on a store that writes.
    desk.engine->post(fill(working, "30", "102", "100", "X3", 7));
    auto book = desk.engine->snapshot().get();
    say("halted: " + bookLine(book, working.id));
    say(std::string("snapshot halted: ") + (book.halted == reason ? "the reason" : "'" + book.halted + "'"));

    trouble.end();
    desk.restart();
    book = desk.engine->snapshot().get();
    say("restarted: " + bookLine(book, working.id));
    say("inbound applied up to " +
        std::to_string(desk.store->loadActive("20000101").value().inboundProgress.at(test::kSession).lastApplied));
    say(std::string("held: ") + (desk.order(held.id).held ? "yes" : "no"));
    desk.engine->post(fill(working, "30", "101", "70", "X2", 6));
    desk.engine->post(fill(working, "30", "102", "100", "X3", 7));
    answer("cancel the held order", detailOf(desk.engine->cancel(held.id, kTrader).get()));
    if (!desk.engine->sync(10s)) return transcript + "the resent fills were not committed";
    say("resent: " + bookLine(desk.engine->snapshot().get(), working.id));
    desk.restart();
    say("restarted again: " + bookLine(desk.engine->snapshot().get(), working.id));
    return transcript;
}

/// The scenario's lines after the reason, worked out by hand: 40 at 100 committed, 30 at 101 applied but not
/// committed when the store failed, 30 at 102 arriving after; 500 AAA and 900,000 of cash at the open.
const char* const kExpected[] = {
    "alert: error on order 0, the reason",
    "submit: refused with the reason",
    "cancel the held order: refused with the reason",
    "cancel the working order: refused with the reason",
    "replace: refused with the reason",
    "override the breach: refused with the reason",
    "import positions: refused with the reason",
    "add a user: refused with the reason",
    "record an export: refused with the reason",
    "halted: PartiallyFilled 70; fills X1 X2; ACC 70; FUND 570; cash 892970",
    "snapshot halted: the reason",
    "restarted: PartiallyFilled 40; fills X1; ACC 40; FUND 540; cash 896000",
    "inbound applied up to 5",
    "held: yes",
    "cancel the held order: answered done",
    "resent: Filled 100; fills X1 X2 X3; ACC 100; FUND 600; cash 889910",
    "restarted again: Filled 100; fills X1 X2 X3; ACC 100; FUND 600; cash 889910",
};

QStringList linesOf(const std::string& text) { return QString::fromStdString(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts); }

QStringList expectedLines() {
    QStringList lines;
    for (const char* line : kExpected) lines << QString::fromUtf8(line);
    return lines;
}

std::uintmax_t sizeOf(const QString& path) { return std::filesystem::file_size(path.toStdString()); }

}  // namespace

class TestStoreFailure final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void haltsWhenTheDatabaseCannotGrow() {
        QTemporaryDir dir;
        std::optional<test::FileSizeLimit> limit;
        // Until a checkpoint the write-ahead log only grows: held to its size, the store's next commit fails.
        const auto transcript = haltAndResume(
            dir.path(),
            {[&] { limit.emplace(sizeOf(dir.filePath(QStringLiteral("openblotter.db-wal")))); }, [&] { limit.reset(); }});
        auto lines = linesOf(transcript);
        QVERIFY2(!lines.isEmpty() && lines.front().startsWith(QStringLiteral("reason: ")), transcript.c_str());
        const auto database = dir.filePath(QStringLiteral("openblotter.db"));
        QVERIFY2(
            lines.front().startsWith(QStringLiteral("reason: the desk stopped taking orders and fills: the order store could "
                                                    "not write its database %1: disk I/O error")
                                         .arg(database)),
            qPrintable(lines.front()));
        QVERIFY2(lines.front().endsWith(QStringLiteral("and start the desk again: it resumes from what the store holds, and "
                                                       "the brokers resend what came after")),
                 qPrintable(lines.front()));
        lines.removeFirst();
        QCOMPARE(lines, expectedLines());
    }

    void haltsWhenTheDiskIsFull() {
        QTemporaryDir dir;
        const auto small = dir.filePath(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(small));
        const QString ballast = small + QStringLiteral("/ballast");
        auto result = test::onSmallDisk(small.toStdString(), 16 * 1024 * 1024, [&] {
            const DiskTrouble full{
                [&] {
                    // Whatever room is left goes to a file of its own, as another program would take it.
                    std::FILE* file = std::fopen(ballast.toLocal8Bit().constData(), "w");
                    const std::string block(4096, 'x');
                    while (file && std::fwrite(block.data(), 1, block.size(), file) == block.size() && std::fflush(file) == 0) {
                    }
                    if (file) std::fclose(file);
                },
                [&] { std::filesystem::remove(ballast.toStdString()); }};
            return haltAndResume(small, full);
        });
        if (!result && result.error().starts_with(test::kMountRefused))
            QSKIP(qPrintable(QStringLiteral("%1; haltsWhenTheDatabaseCannotGrow runs the same scenario")
                                 .arg(QString::fromStdString(result.error()))));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        auto lines = linesOf(*result);
        QVERIFY2(!lines.isEmpty(), result->c_str());
        QVERIFY2(lines.front().startsWith(
                     QStringLiteral("reason: the desk stopped taking orders and fills: the disk holding the data directory %1 "
                                    "is full: the order store could not write its database (")
                         .arg(small)),
                 qPrintable(lines.front()));
        lines.removeFirst();
        QCOMPARE(lines, expectedLines());
    }
};

QTEST_GUILESS_MAIN(TestStoreFailure)
#include "tst_storefailure.moc"
