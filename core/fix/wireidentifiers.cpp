#include "fix/wireidentifiers.h"

#include "domain/quoting.h"

#include <array>

namespace ob {

namespace {

/// A setting's value, its SecurityIDSource (22) code and the instrument's identifier it sends.
struct SourceName {
    std::string_view setting;
    WireIdentifiers::Source source;
    std::string_view code;  ///< FIX 4.2 and 4.4 agree: 1 CUSIP, 2 SEDOL, 4 ISIN
    std::string SecurityIds::*identifier;
};

constexpr std::array kSources{
    SourceName{"ISIN", WireIdentifiers::Source::Isin, "4", &SecurityIds::isin},
    SourceName{"CUSIP", WireIdentifiers::Source::Cusip, "1", &SecurityIds::cusip},
    SourceName{"SEDOL", WireIdentifiers::Source::Sedol, "2", &SecurityIds::sedol},
};

std::string missing(std::string_view symbol, std::string_view identifier, std::string_view sessionName, std::string_view sentAs,
                    std::string_view setting) {
    return clipped(symbol) + " has no " + std::string(identifier) + ", which session " + std::string(sessionName) + " sends as " +
           std::string(sentAs) + " (" + std::string(setting) + ")";
}

}  // namespace

Result<WireIdentifiers> WireIdentifiers::read(std::string_view sessionName, std::string_view securityIdSource,
                                              std::string_view exDestination) {
    WireIdentifiers wire;
    if (!securityIdSource.empty()) {
        for (const auto& known : kSources)
            if (known.setting == securityIdSource) wire.source_ = known.source;
        if (wire.source_ == Source::None)
            return Error{"FIX session " + std::string(sessionName) + ": SecurityIDSource " + inQuotes(securityIdSource) +
                         " is not ISIN, CUSIP or SEDOL"};
    }
    if (!exDestination.empty()) {
        if (exDestination != "MIC")
            return Error{"FIX session " + std::string(sessionName) + ": ExDestination " + inQuotes(exDestination) +
                         " is not MIC"};
        wire.exDestinationMic_ = true;
    }
    return wire;
}

Result<InstrumentFields> WireIdentifiers::fieldsFor(std::string_view symbol, const SecurityIds& ids,
                                                    std::string_view sessionName) const {
    InstrumentFields fields;
    for (const auto& known : kSources) {
        if (known.source != source_) continue;
        const auto& identifier = ids.*known.identifier;
        if (identifier.empty())
            return Error{
                missing(symbol, known.setting, sessionName, "SecurityID", "SecurityIDSource=" + std::string(known.setting))};
        fields.securityId = identifier;
        fields.securityIdSource = known.code;
    }
    if (exDestinationMic_) {
        if (ids.mic.empty()) return Error{missing(symbol, "MIC", sessionName, "ExDestination", "ExDestination=MIC")};
        fields.exDestination = ids.mic;
    }
    return fields;
}

}  // namespace ob
