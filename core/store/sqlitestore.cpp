#include "sqlitestore.h"

#include "store/checkseal.h"
#include "store/compliancerepository.h"
#include "store/orderrepository.h"
#include "store/portfoliorepository.h"
#include "store/referencerepository.h"
#include "store/storewriter.h"

namespace ob::store {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file, Durability durability,
                                                       const SetUp& setUp) {
    std::error_code error;
    const bool isNew = !std::filesystem::exists(file, error) && !error;
    if (isNew && setUp) {
        if (auto refused = refuseStrayJournal(file); !refused) return Error{refused.error()};
        const std::filesystem::path building(file.string() + ".setup");
        const auto removeBuilding = [&] {
            for (const char* suffix : {"", "-wal", "-shm", "-journal", ".checked"})
                std::filesystem::remove(building.string() + suffix, error);
        };
        removeBuilding();  // what a start that stopped while setting up left
        const Status filled = [&]() -> Status {
            auto store = openFile(building, durability);
            if (!store) return Error{store.error()};
            return setUp(**store);
        }();  // closed here: nothing of it is left in a -wal file
        if (!filled) {
            removeBuilding();
            return Error{filled.error()};
        }
        if (auto renamed = renameIntoPlace(building, file); !renamed) return Error{renamed.error()};
        removeBuilding();  // its seal
    }
    auto store = openFile(file, durability);
    if (store) (*store)->isNew_ = isNew;
    return store;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::openFile(const std::filesystem::path& file, Durability durability) {
    const auto now = nowUtc();
    const auto lastCheck = CheckSeal::lastCheck(file, now);
    auto writerDb = openDatabase(file, durability, lastCheck ? Check::Unchanged : Check::Whole);
    if (!writerDb) return Error{writerDb.error()};
    try {
        auto reader = sqlite::Database::open(file, sqlite::Database::Mode::ReadWrite);
        reader.execute("PRAGMA foreign_keys = ON");
        auto writer = std::make_unique<StoreWriter>(std::move(*writerDb));
        std::unique_ptr<SqliteStore> store(new SqliteStore(file, std::move(reader), std::move(writer)));
        store->checkedAt_ = lastCheck.value_or(now);
        return store;
    } catch (const sqlite::SqliteError& e) {
        return Error{"cannot open " + file.string() + ": " + e.what()};
    }
}

SqliteStore::SqliteStore(std::filesystem::path file, sqlite::Database reader, std::unique_ptr<StoreWriter> writer)
    : file_(std::move(file)), reader_(std::move(reader)), writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() {
    writer_->stop();  // what is queued is written first
    const bool sound = !writer_->failure() && !damaged_;
    writer_.reset();
    reader_ = sqlite::Database();  // the last connection closed: the write-ahead log is in the file
    if (sound)
        CheckSeal::seal(file_, checkedAt_);
    else
        CheckSeal::remove(file_);
}

template <typename F>
auto SqliteStore::read(F&& work) -> Result<decltype(work(std::declval<sqlite::Database&>()))> {
    std::lock_guard lock(readerMutex_);
    try {
        return work(reader_);
    } catch (const sqlite::SqliteError& e) {
        if (e.isCorruption()) {
            damaged_ = true;
            return Error{file_.string() + " is damaged: " + e.what()};
        }
        return Error{"cannot read " + file_.string() + ": " + e.what()};
    }
}

Result<ActiveBook> SqliteStore::loadActive(std::string_view fromTradeDate) {
    return read([&](sqlite::Database& db) {
        sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::Read);  // one consistent view across the queries
        OrderRepository repository(db);
        ActiveBook book;
        auto active = repository.loadActive(fromTradeDate);
        book.orders = std::move(active.orders);
        book.executions = std::move(active.executions);
        book.maxOrderId = repository.maxOrderId();
        book.deskId = repository.counter("desk_id");
        book.clOrdIdRun = repository.counter("clordid_run");
        book.inboundProgress = repository.inboundProgress();
        PortfolioRepository portfolios(db);
        book.lists = portfolios.loadActiveLists(fromTradeDate);
        book.maxListId = portfolios.maxListId();
        return book;
    });
}

std::uint64_t SqliteStore::submit(StoreUnit unit) { return writer_->submit(std::move(unit)); }
std::uint64_t SqliteStore::committed() const { return writer_->committed(); }
bool SqliteStore::waitForCommit(std::uint64_t sequence, std::chrono::milliseconds timeout) const {
    return writer_->waitForCommit(sequence, timeout);
}
void SqliteStore::setCommitListener(CommitListener listener) { writer_->setCommitListener(std::move(listener)); }
std::optional<std::string> SqliteStore::failure() const { return writer_->failure(); }

Result<std::vector<ExecutionRecord>> SqliteStore::executionsOf(OrderId id) {
    return read([&](sqlite::Database& db) { return OrderRepository(db).loadExecutions(id); });
}

Result<std::vector<OrderEventRecord>> SqliteStore::eventsOf(OrderId id) {
    return read([&](sqlite::Database& db) { return OrderRepository(db).loadEvents(id); });
}

Result<std::vector<QuarantinedMessage>> SqliteStore::quarantine(bool unresolvedOnly) {
    return read([&](sqlite::Database& db) { return OrderRepository(db).loadQuarantine(unresolvedOnly); });
}

Result<ReferenceData> SqliteStore::loadReferenceData() {
    return read([&](sqlite::Database& db) { return ReferenceRepository(db).load(); });
}

template <typename F>
Status SqliteStore::write(F&& work) {
    auto written = read([&](sqlite::Database& db) {
        sqlite::Transaction transaction(db);
        work(db);
        transaction.commit();
        return true;
    });
    if (!written) return Error{written.error()};
    return {};
}

Status SqliteStore::saveReferenceData(const ReferenceData& data) {
    return write([&](sqlite::Database& db) { ReferenceRepository(db).save(data); });
}

Result<ComplianceData> SqliteStore::loadCompliance(Timestamp since) {
    return read([&](sqlite::Database& db) {
        sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::Read);
        ComplianceRepository repository(db);
        return ComplianceData{repository.loadRules(), repository.loadBreaches(since), repository.lastBreachId(),
                              repository.loadOpeningPositions()};
    });
}

Status SqliteStore::saveOpeningPositions(const std::vector<OpeningPosition>& positions) {
    return write([&](sqlite::Database& db) { ComplianceRepository(db).saveOpeningPositions(positions); });
}

Status SqliteStore::saveRules(const RuleBook& rules) {
    return write([&](sqlite::Database& db) { ComplianceRepository(db).saveRules(rules); });
}

Result<std::vector<ModelPortfolio>> SqliteStore::loadModels() {
    return read([&](sqlite::Database& db) { return PortfolioRepository(db).loadModels(); });
}

Status SqliteStore::saveModel(const ModelPortfolio& model, const AuditRecord& record) {
    return write([&](sqlite::Database& db) {
        PortfolioRepository(db).saveModel(model);
        ComplianceRepository(db).appendAudit(record);
    });
}

Result<std::vector<User>> SqliteStore::loadUsers() {
    return read([&](sqlite::Database& db) { return ComplianceRepository(db).loadUsers(); });
}

Status SqliteStore::saveUser(const User& user, const AuditRecord& record) {
    return write([&](sqlite::Database& db) {
        ComplianceRepository repository(db);
        repository.saveUser(user);
        repository.appendAudit(record);
    });
}

Status SqliteStore::appendAudit(const AuditRecord& record) {
    return write([&](sqlite::Database& db) { ComplianceRepository(db).appendAudit(record); });
}

Status SqliteStore::saveLoginState(const LoginState& state, const std::vector<AuditRecord>& records) {
    return write([&](sqlite::Database& db) {
        ComplianceRepository repository(db);
        repository.saveLoginState(state);
        for (const auto& record : records) repository.appendAudit(record);
    });
}

Result<std::vector<AuditRecord>> SqliteStore::auditTrail(std::size_t limit) {
    return read([&](sqlite::Database& db) { return ComplianceRepository(db).loadAudit(limit); });
}

}  // namespace ob::store
