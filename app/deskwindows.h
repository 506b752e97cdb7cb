#pragma once

#include "desk.h"
#include "deskservices.h"

#include <QObject>
#include <QString>

namespace ob::app {

/// What the desktop's windows work with on `desk`, for the user `actor`: the store reaches them only as its
/// history and a read of the model portfolios.
inline ui::DeskServices windowServices(Desk& desk, Actor actor) {
    return {desk.engine(),
            desk.gateway(),
            desk.store(),
            [&desk] { return desk.store().loadModels(); },
            desk.prices(),
            desk.referenceData(),
            [&desk](const ReferenceData& reference) { desk.takeReference(reference); },
            QString::fromStdString(desk.mode()),
            QString::fromStdString(desk.dataDirectory().string()),
            std::move(actor),
            desk.demoUsersOnRealBroker()
                ? QObject::tr("Demo users on a real broker: OPENBLOTTER_DEMO_USERS=1 lets anyone log in with the "
                              "published demo passwords")
                : QString()};
}

}  // namespace ob::app
