#pragma once

#include "store/orderstore.h"
#include "store/schema.h"

#include <filesystem>
#include <memory>
#include <mutex>

namespace ob::store {

class StoreWriter;

/// The desktop's store: one SQLite file in WAL mode. A writer thread with
/// its own connection commits units in groups; a second connection answers
/// reads, so reading never waits for a commit.
class SqliteStore final : public OrderStore {
public:
    static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file, Durability durability = Durability::Full);
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
    Result<std::vector<AuditRecord>> auditTrail(std::size_t limit) override;

    const std::filesystem::path& file() const { return file_; }
    StoreWriter& writer() { return *writer_; }

private:
    SqliteStore(std::filesystem::path file, sqlite::Database reader, std::unique_ptr<StoreWriter> writer);
    template <typename F>
    Status write(F&& work);
    template <typename F>
    auto read(F&& work) -> Result<decltype(work(std::declval<sqlite::Database&>()))>;

    std::filesystem::path file_;
    std::mutex readerMutex_;
    sqlite::Database reader_;
    std::unique_ptr<StoreWriter> writer_;
};

}  // namespace ob::store
