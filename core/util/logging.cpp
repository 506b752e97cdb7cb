#include "logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace ob {

bool isLogLevel(std::string_view level) {
    return level == "off" || spdlog::level::from_str(std::string(level)) != spdlog::level::off;
}

Status setupLogging(const std::filesystem::path& directory, std::string_view level, const std::string& fileName) {
    if (!isLogLevel(level))
        return Error{"unknown log level '" + std::string(level) + "' (use trace, debug, info, warn, error, critical or off)"};
    try {
        std::filesystem::create_directories(directory);
        auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>((directory / fileName).string(), 5 * 1024 * 1024, 5);
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        console->set_level(spdlog::level::warn);
        auto logger = std::make_shared<spdlog::logger>("openblotter", spdlog::sinks_init_list{file, console});
        logger->set_level(spdlog::level::from_str(std::string(level)));
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %^%l%$ [%t] %v", spdlog::pattern_time_type::utc);
        logger->flush_on(spdlog::level::warn);
        spdlog::set_default_logger(logger);
        spdlog::flush_every(std::chrono::seconds(2));
    } catch (const spdlog::spdlog_ex& e) {
        return Error{"cannot write the log in " + directory.string() + ": " + e.what()};
    } catch (const std::filesystem::filesystem_error& e) {
        return Error{"cannot create " + directory.string() + ": " + e.what()};
    }
    return {};
}

}  // namespace ob
