#pragma once

#include "benchcontext.h"

namespace ob::bench {

void runFixIngest(const BenchContext& context);
void runOrderBook(const BenchContext& context);
void runStore(const BenchContext& context);
void runStartup(const BenchContext& context);
void runBlotter(const BenchContext& context);
void runUiStall(const BenchContext& context);
void runCompliance(const BenchContext& context);
void runRebalance(const BenchContext& context);
void runBookCheck(const BenchContext& context);

}  // namespace ob::bench
