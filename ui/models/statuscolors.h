#pragma once

#include "domain/fixenums.h"

#include <QColor>

namespace ob::ui {

/// Colours that read on both light and dark backgrounds.
inline QColor sideColor(Side side) { return side == Side::Buy ? QColor(0x2f, 0x80, 0xed) : QColor(0xe0, 0x4f, 0x4f); }

inline QColor statusColor(OrdStatus status) {
    switch (status) {
        case OrdStatus::Filled: return {0x2e, 0xa0, 0x5a};
        case OrdStatus::PartiallyFilled: return {0x2f, 0x80, 0xed};
        case OrdStatus::Rejected: return {0xe0, 0x4f, 0x4f};
        case OrdStatus::Canceled:
        case OrdStatus::Expired:
        case OrdStatus::DoneForDay: return {0x8a, 0x8f, 0x98};
        case OrdStatus::PendingNew:
        case OrdStatus::PendingCancel:
        case OrdStatus::PendingReplace: return {0xd9, 0x8e, 0x04};
        default: return {0x3b, 0xa0, 0xa8};
    }
}

}  // namespace ob::ui
