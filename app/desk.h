#pragma once

#include "domain/result.h"
#include "engine/orderengine.h"
#include "store/orderstore.h"

#include <filesystem>
#include <memory>

namespace ob::app {

/// Everything a desk runs on, opened from one data directory:
///   openblotter.db  the order database (SQLite, WAL)
///   logs/           rotating log files
/// A new directory starts with the demo instruments, funds and accounts.
class Desk {
public:
    struct Options {
        std::filesystem::path dataDirectory;
        std::string logLevel = "info";
    };

    /// Creates the directory if needed, starts logging, opens the store and
    /// loads the reference data. The engine is created but not started, so
    /// that listeners can subscribe first.
    static Result<std::unique_ptr<Desk>> open(const Options& options);
    ~Desk();

    /// Starts the engine on the stored book.
    Status start();

    OrderEngine& engine() { return *engine_; }
    OrderStore& store() { return *store_; }
    const ReferenceData& referenceData() const { return referenceData_; }
    const std::filesystem::path& dataDirectory() const { return dataDirectory_; }

private:
    Desk() = default;

    std::filesystem::path dataDirectory_;
    std::unique_ptr<OrderStore> store_;
    std::unique_ptr<OrderEngine> engine_;
    ReferenceData referenceData_;
};

/// The demo desk's reference data, built into the program.
Result<ReferenceData> demoReferenceData();

}  // namespace ob::app
