#pragma once

#include <QtGlobal>

namespace ob::test {

/// The seed of a test's random choices (the moment of a kill, say): OPENBLOTTER_TEST_SEED when it is set,
/// to repeat a failed run, otherwise `fixed`. It is printed either way.
quint32 testSeed(quint32 fixed);

}  // namespace ob::test
