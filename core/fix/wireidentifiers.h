#pragma once

#include "domain/result.h"
#include "engine/outboundrequest.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ob {

/// The fields besides Symbol (55) that name a request's instrument on the wire; an empty one is not sent.
struct InstrumentFields {
    std::string securityId;        ///< SecurityID (48)
    std::string securityIdSource;  ///< SecurityIDSource (22; IDSource in FIX 4.2, same codes): 4 ISIN, 1 CUSIP, 2 SEDOL
    std::string exDestination;     ///< ExDestination (100)
};

/// How a session names instruments besides their symbol, from its settings SecurityIDSource (ISIN, CUSIP or SEDOL)
/// and ExDestination (MIC); with neither, Symbol alone. Read once when the desk opens; immutable afterwards, so any
/// thread may use it.
class WireIdentifiers {
public:
    enum class Source : std::uint8_t { None, Isin, Cusip, Sedol };

    /// Reads a session's two settings ("" when absent). A value it does not know is an error naming the session
    /// (`sessionName`) and the value: a broker that needs an identifier must not get orders without it.
    static Result<WireIdentifiers> read(std::string_view sessionName, std::string_view securityIdSource,
                                        std::string_view exDestination);

    /// The fields a request for `symbol`, whose instrument has `ids`, carries on session `sessionName`. An error,
    /// saying what is missing and why the session needs it, when the instrument lacks an identifier the session sends.
    Result<InstrumentFields> fieldsFor(std::string_view symbol, const SecurityIds& ids, std::string_view sessionName) const;

private:
    Source source_ = Source::None;
    bool exDestinationMic_ = false;
};

}  // namespace ob
