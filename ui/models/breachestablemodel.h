#pragma once

#include "compliance/breach.h"
#include "models/columns.h"

#include <QAbstractTableModel>

#include <array>
#include <unordered_map>
#include <vector>

namespace ob::ui {

class EngineFeed;

/// Compliance breaches, newest first, updated in place as they move
/// through their workflow (open → acknowledged → overridden / rejected / resolved).
class BreachesTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Raised,
        Id,
        State,
        Verdict,
        Stage,
        Cause,
        Rule,
        Fund,
        Account,
        Trader,
        Subject,
        Order,
        Figure,
        DecidedBy,
        Reason,
        ColumnCount
    };
    enum Role {
        BreachIdRole = Qt::UserRole + 1,
        StateRole,  ///< the BreachState as an int, for the panel's filter
    };

    explicit BreachesTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Shows the feed's breaches: those open at start, then each raised or changed.
    void follow(const EngineFeed& feed);
    void reset(std::vector<Breach> breaches);
    /// New breaches are added, known ones replaced.
    void apply(const std::vector<Breach>& changed);

    const Breach* breachAt(int row) const;
    const Breach* find(std::int64_t id) const;
    /// Breaches waiting for a compliance officer (awaitsDecision).
    int awaitingDecision() const;

Q_SIGNALS:
    void breachesChanged();

private:
    static const std::array<ColumnSpec<Breach>, ColumnCount> kColumns;

    std::vector<Breach> breaches_;  ///< oldest first; row 0 shows the last
    std::unordered_map<std::int64_t, std::size_t> index_;
};

/// Whether a compliance officer still has to decide it: open, or a block only acknowledged.
bool awaitsDecision(const Breach& breach);

/// "12.35% > 10.00%", "1,250,000.00 > 1,000,000.00": a finding's figure against its limit.
QString figureOf(const RuleResult& finding);

}  // namespace ob::ui
