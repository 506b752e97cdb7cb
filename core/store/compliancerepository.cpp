#include "compliancerepository.h"

#include "store/columns.h"

#include <map>

namespace ob::store {

namespace {

std::optional<Money> optionalMoney(const sqlite::Statement& row, int column) {
    if (row.isNull(column)) return std::nullopt;
    return moneyColumn(row, column);
}

std::optional<std::string> textOf(const std::optional<Money>& value) {
    return value ? std::optional<std::string>(value->toString()) : std::nullopt;
}

constexpr const char* kBreachColumns =
    "id, stage, state, severity, rule_id, rule_name, kind, verdict, log_only, cause, subject, limit_value, before_value, "
    "after_value, message, order_id, fund, account, trader, symbol, raised_at, updated_at, decided_by, reason";

Breach readBreach(const sqlite::Statement& row) {
    Breach b;
    b.id = row.int64(0);
    b.stage = enumColumn<BreachStage>(row, 1);
    b.state = enumColumn<BreachState>(row, 2);
    b.severity = enumColumn<Severity>(row, 3);
    b.finding.ruleId = row.int64(4);
    b.finding.ruleName = row.text(5);
    b.finding.kind = enumColumn<RuleKind>(row, 6);
    b.finding.verdict = enumColumn<Verdict>(row, 7);
    b.finding.logOnly = row.int64(8) != 0;
    b.finding.cause = enumColumn<BreachCause>(row, 9);
    b.finding.subject = row.text(10);
    b.finding.limit = optionalMoney(row, 11);
    b.finding.before = moneyColumn(row, 12);
    b.finding.after = moneyColumn(row, 13);
    b.finding.message = row.text(14);
    b.orderId = row.int64(15);
    b.fund = row.text(16);
    b.account = row.text(17);
    b.trader = row.text(18);
    b.symbol = row.text(19);
    b.raisedAt = fromNanos(row.int64(20));
    b.updatedAt = fromNanos(row.int64(21));
    b.decidedBy = row.text(22);
    b.reason = row.text(23);
    return b;
}

}  // namespace

RuleBook ComplianceRepository::loadRules() {
    RuleBook book;
    std::map<std::int64_t, std::size_t> indexOf;
    auto rules = db_.prepare(
        "SELECT id, name, kind, severity, mode, scope, scope_value, limit_value, warn_at, restriction, window_seconds, target, "
        "description FROM rules ORDER BY id");
    while (rules.step()) {
        Rule r;
        r.id = rules.int64(0);
        r.name = rules.text(1);
        r.kind = enumColumn<RuleKind>(rules, 2);
        r.severity = enumColumn<Severity>(rules, 3);
        r.mode = enumColumn<RuleMode>(rules, 4);
        r.scope = enumColumn<ScopeKind>(rules, 5);
        r.scopeValue = rules.text(6);
        r.limit = optionalMoney(rules, 7);
        r.warnAt = optionalMoney(rules, 8);
        r.restriction = enumColumn<Restriction>(rules, 9);
        r.windowSeconds = rules.int64(10);
        r.target = rules.text(11);
        r.description = rules.text(12);
        indexOf[r.id] = book.rules.size();
        book.rules.push_back(std::move(r));
    }
    auto items = db_.prepare("SELECT rule_id, kind, value FROM rule_list_items ORDER BY rule_id, kind, value");
    while (items.step()) {
        const auto found = indexOf.find(items.int64(0));
        if (found == indexOf.end()) continue;
        auto& rule = book.rules[found->second];
        (items.text(1) == "issuer" ? rule.issuers : rule.symbols).push_back(items.text(2));
    }
    auto locates = db_.prepare("SELECT fund, symbol, quantity FROM locates ORDER BY fund, symbol");
    while (locates.step()) book.locates.push_back({locates.text(0), locates.text(1), Qty::fromRaw(locates.int64(2))});
    return book;
}

void ComplianceRepository::saveRules(const RuleBook& book) {
    db_.execute("DELETE FROM rule_list_items; DELETE FROM rules; DELETE FROM locates;");
    auto rule = db_.prepare(
        "INSERT INTO rules (id, name, kind, severity, mode, scope, scope_value, limit_value, warn_at, restriction, "
        "window_seconds, "
        "target, description) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto item = db_.prepare("INSERT OR IGNORE INTO rule_list_items (rule_id, kind, value) VALUES (?, ?, ?)");
    for (const auto& r : book.rules) {
        rule.bind(1, r.id).bind(2, r.name).bind(3, nameOf(r.kind)).bind(4, nameOf(r.severity)).bind(5, nameOf(r.mode));
        rule.bind(6, nameOf(r.scope)).bind(7, r.scopeValue).bind(8, textOf(r.limit)).bind(9, textOf(r.warnAt));
        rule.bind(10, nameOf(r.restriction)).bind(11, r.windowSeconds).bind(12, r.target).bind(13, r.description);
        rule.execute();
        for (const auto& symbol : r.symbols) item.bind(1, r.id).bind(2, "symbol").bind(3, symbol).execute();
        for (const auto& issuer : r.issuers) item.bind(1, r.id).bind(2, "issuer").bind(3, issuer).execute();
    }
    auto locate = db_.prepare(
        "INSERT INTO locates (fund, symbol, quantity) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(fund, symbol) DO UPDATE SET quantity = quantity + ?3");
    for (const auto& l : book.locates) locate.bind(1, l.fund).bind(2, l.symbol).bind(3, l.quantity.raw()).execute();
}

std::vector<Breach> ComplianceRepository::loadBreaches(Timestamp since) {
    std::vector<Breach> breaches;
    auto query = db_.prepare(std::string("SELECT ") + kBreachColumns +
                             " FROM breaches WHERE state IN ('Open', 'Acknowledged') OR raised_at >= ? ORDER BY id");
    query.bind(1, toNanos(since));
    while (query.step()) breaches.push_back(readBreach(query));
    return breaches;
}

std::int64_t ComplianceRepository::lastBreachId() { return db_.queryInt64("SELECT coalesce(max(id), 0) FROM breaches"); }

void ComplianceRepository::writeBreach(const Breach& b) {
    if (!upsertBreach_.isPrepared())
        upsertBreach_ = db_.prepare(std::string("INSERT OR REPLACE INTO breaches (") + kBreachColumns +
                                    ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto& st = upsertBreach_;
    const auto& f = b.finding;
    st.bind(1, b.id).bind(2, nameOf(b.stage)).bind(3, nameOf(b.state)).bind(4, nameOf(b.severity)).bind(5, f.ruleId);
    st.bind(6, f.ruleName).bind(7, nameOf(f.kind)).bind(8, nameOf(f.verdict)).bind(9, f.logOnly ? 1 : 0);
    st.bind(10, nameOf(f.cause)).bind(11, f.subject).bind(12, textOf(f.limit)).bind(13, f.before.toString());
    st.bind(14, f.after.toString()).bind(15, f.message).bind(16, b.orderId).bind(17, b.fund).bind(18, b.account);
    st.bind(19, b.trader).bind(20, b.symbol).bind(21, toNanos(b.raisedAt)).bind(22, toNanos(b.updatedAt));
    st.bind(23, b.decidedBy).bind(24, b.reason);
    st.execute();
}

std::vector<OpeningPosition> ComplianceRepository::loadOpeningPositions() {
    std::vector<OpeningPosition> positions;
    auto query = db_.prepare("SELECT fund, symbol, quantity, price FROM opening_positions ORDER BY fund, symbol");
    while (query.step()) {
        OpeningPosition p{query.text(0), query.text(1), Qty::fromRaw(query.int64(2)), std::nullopt};
        if (auto raw = query.optionalInt64(3)) p.price = Price::fromRaw(*raw);
        positions.push_back(std::move(p));
    }
    return positions;
}

void ComplianceRepository::saveOpeningPositions(const std::vector<OpeningPosition>& positions) {
    auto clear = db_.prepare("DELETE FROM opening_positions WHERE fund = ?");
    std::map<std::string, bool> cleared;
    for (const auto& p : positions)
        if (cleared.emplace(p.fund, true).second) clear.bind(1, p.fund).execute();
    auto insert = db_.prepare(
        "INSERT INTO opening_positions (fund, symbol, quantity, price) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(fund, symbol) DO UPDATE SET quantity = quantity + ?3, price = coalesce(?4, price)");
    for (const auto& p : positions) {
        insert.bind(1, p.fund).bind(2, p.symbol).bind(3, p.quantity.raw());
        if (p.price) insert.bind(4, p.price->raw());
        insert.execute();
    }
}

std::vector<User> ComplianceRepository::loadUsers() {
    std::vector<User> users;
    auto query = db_.prepare(
        "SELECT name, full_name, role, password_hash, active, must_change_password, failed_logins, locked FROM users "
        "ORDER BY name");
    while (query.step())
        users.push_back({query.text(0), query.text(1), enumColumn<Role>(query, 2), query.text(3), query.int64(4) != 0,
                         query.int64(5) != 0, static_cast<int>(query.int64(6)), query.int64(7) != 0});
    return users;
}

void ComplianceRepository::saveUser(const User& u) {
    db_.prepare(
           "INSERT INTO users (name, full_name, role, password_hash, active, must_change_password) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(name) DO UPDATE SET full_name = ?2, role = ?3, password_hash = ?4, "
           "active = ?5, must_change_password = ?6")
        .bind(1, u.name)
        .bind(2, u.fullName)
        .bind(3, nameOf(u.role))
        .bind(4, u.passwordHash)
        .bind(5, u.active ? 1 : 0)
        .bind(6, u.mustChangePassword ? 1 : 0)
        .execute();
}

void ComplianceRepository::saveLoginState(const LoginState& state) {
    db_.prepare("UPDATE users SET failed_logins = ?2, locked = ?3 WHERE name = ?1")
        .bind(1, state.user)
        .bind(2, static_cast<std::int64_t>(state.failedLogins))
        .bind(3, state.locked ? 1 : 0)
        .execute();
}

void ComplianceRepository::appendAudit(const AuditRecord& r) {
    if (!insertAudit_.isPrepared())
        insertAudit_ = db_.prepare("INSERT INTO audit_log (at, user, role, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)");
    insertAudit_.bind(1, toNanos(r.at))
        .bind(2, r.user)
        .bind(3, nameOf(r.role))
        .bind(4, r.action)
        .bind(5, r.subject)
        .bind(6, r.details);
    insertAudit_.execute();
}

std::vector<AuditRecord> ComplianceRepository::loadAudit(std::size_t limit) {
    std::vector<AuditRecord> records;
    auto query = db_.prepare("SELECT id, at, user, role, action, subject, details FROM audit_log ORDER BY id DESC LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(limit));
    while (query.step())
        records.push_back({query.int64(0), fromNanos(query.int64(1)), query.text(2), enumColumn<Role>(query, 3), query.text(4),
                           query.text(5), query.text(6)});
    return records;
}

}  // namespace ob::store
