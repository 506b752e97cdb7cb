#pragma once

#include "store/orderstore.h"
#include "store/schema.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>

namespace ob::store {

class StoreWriter;

/// The desktop's store: one SQLite file in WAL mode. A writer thread with
/// its own connection commits units in groups; a second connection answers
/// reads, so reading never waits for a commit. A file is checked whole at
/// open unless a clean close sealed it since its last whole check (CheckSeal).
class SqliteStore final : public OrderStore {
public:
    /// Fills a new database (reference and demo data) before it gets its name.
    using SetUp = std::function<Status(OrderStore& store)>;

    /// Opens the database (see openDatabase). When the file does not exist and `setUp` is given,
    /// the new database is made and set up whole under a temporary name, then renamed into place:
    /// a start that stops halfway leaves no half-made database behind.
    static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file, Durability durability = Durability::Full,
                                                     const SetUp& setUp = {});
    ~SqliteStore() override;

    Result<ActiveBook> loadActive(std::string_view fromTradeDate) override;
    std::uint64_t submit(StoreUnit unit) override;
    std::uint64_t committed() const override;
    bool waitForCommit(std::uint64_t sequence, std::chrono::milliseconds timeout) const override;
    void setCommitListener(CommitListener listener) override;
    std::optional<std::string> failure() const override;
    Result<std::vector<ExecutionRecord>> executionsOf(OrderId id) override;
    Result<std::vector<OrderEventRecord>> eventsOf(OrderId id) override;
    Result<std::vector<QuarantinedMessage>> quarantine(bool unresolvedOnly) override;
    Result<ReferenceData> loadReferenceData() override;
    Status saveReferenceData(const ReferenceData& data) override;
    Result<ComplianceData> loadCompliance(Timestamp since) override;
    Status saveOpeningPositions(const std::vector<OpeningPosition>& positions) override;
    Status saveRules(const RuleBook& rules) override;
    Result<std::vector<ModelPortfolio>> loadModels() override;
    Status saveModel(const ModelPortfolio& model, const AuditRecord& record) override;
    Result<std::vector<User>> loadUsers() override;
    Status saveUser(const User& user, const AuditRecord& record) override;
    Status appendAudit(const AuditRecord& record) override;
    Status saveLoginState(const LoginState& state, const std::vector<AuditRecord>& records) override;
    Result<std::vector<AuditRecord>> auditTrail(std::size_t limit) override;

    /// This open made the database: it did not exist before.
    bool isNew() const { return isNew_; }
    const std::filesystem::path& file() const { return file_; }
    StoreWriter& writer() { return *writer_; }

private:
    SqliteStore(std::filesystem::path file, sqlite::Database reader, std::unique_ptr<StoreWriter> writer);
    static Result<std::unique_ptr<SqliteStore>> openFile(const std::filesystem::path& file, Durability durability);
    template <typename F>
    Status write(F&& work);
    template <typename F>
    auto read(F&& work) -> Result<decltype(work(std::declval<sqlite::Database&>()))>;

    std::filesystem::path file_;
    std::mutex readerMutex_;
    sqlite::Database reader_;
    std::unique_ptr<StoreWriter> writer_;
    bool isNew_ = false;
    Timestamp checkedAt_;                ///< when the file was last checked whole: sealed with it on a clean close
    std::atomic<bool> damaged_ = false;  ///< a read found damage: the file is not sealed
};

}  // namespace ob::store
