#include "testseed.h"

#include <QString>

namespace ob::test {

quint32 testSeed(quint32 fixed) {
    quint32 seed = fixed;
    if (qEnvironmentVariableIsSet("OPENBLOTTER_TEST_SEED")) {
        bool number = false;
        seed = qEnvironmentVariable("OPENBLOTTER_TEST_SEED").toUInt(&number);
        if (!number) qFatal("OPENBLOTTER_TEST_SEED must be a whole number from 0 to 4294967295");
    }
    qInfo("random choices seeded with %u (OPENBLOTTER_TEST_SEED=%u repeats them)", seed, seed);
    return seed;
}

}  // namespace ob::test
