#pragma once

class QTableView;

namespace ob::ui {

/// How every table of the desk looks and selects: whole rows, alternating
/// colours, one line per row sized to the font (so it scales on any screen),
/// no row numbers, the last column stretched.
void styleTable(QTableView* view);

}  // namespace ob::ui
