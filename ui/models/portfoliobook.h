#pragma once

#include "domain/referencedata.h"
#include "portfolio/fundvaluation.h"

#include <QObject>
#include <QStringList>

#include <unordered_map>

namespace ob {
class MarketPrices;
}

namespace ob::ui {

class EngineFeed;

/// The funds as the desk's windows see them: the engine's book of each fund's positions and cash (opening
/// positions plus the day's fills), as it publishes them, valued at the latest prices. Fed on the GUI thread by
/// the engine feed; a changed position costs O(1), a valuation (once a second for the fund on screen)
/// O(holdings of the fund).
class PortfolioBook final : public QObject {
    Q_OBJECT

public:
    PortfolioBook(const ReferenceData& reference, const MarketPrices& prices, QObject* parent = nullptr);

    /// Keeps the funds' positions and cash as the feed publishes them.
    void follow(const EngineFeed& feed);
    /// The desk's reference data (the one given at construction) changed: funds and accounts it added are followed.
    void referenceChanged();
    /// Takes what the engine published: positions and cash that changed, and opening positions imported (for the
    /// prices they opened at).
    void apply(const std::vector<Position>& fundPositions, const std::vector<FundCash>& cash,
               const std::vector<OpeningPosition>& opening);

    /// Market data first, then the price the fund opened at, then the instrument's reference price.
    std::optional<Price> priceOf(const std::string& symbol) const;
    FundValuation value(const std::string& fund) const;
    /// The fund as it stands now, as positions-file rows at the current prices, cash (in the base currency) included:
    /// what a rebalance starts from.
    std::vector<OpeningPosition> currentHoldings(const std::string& fund) const;
    /// Changes whenever a price does.
    std::uint64_t pricesVersion() const;
    /// Bumped by every change to the fund (fills, imports); 0 for an unknown fund.
    std::uint64_t version(const std::string& fund) const;
    QStringList funds() const;
    const std::string& fundOf(const std::string& account) const { return holdings_.fundOf(account); }
    const ReferenceData& reference() const { return reference_; }

Q_SIGNALS:
    void changed();

private:
    const ReferenceData& reference_;
    const MarketPrices& prices_;
    FundHoldings holdings_;
};

}  // namespace ob::ui
