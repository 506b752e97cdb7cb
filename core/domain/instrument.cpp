#include "instrument.h"

namespace ob {

int Instrument::priceDecimals() const {
    int decimals = 0;
    for (auto raw = tickSize.raw(); decimals < Price::kScale && raw % Price::kOne != 0; raw *= 10) ++decimals;
    return decimals;
}

}  // namespace ob
