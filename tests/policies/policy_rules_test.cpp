// Table-driven tests of the rules with tricky logic.
#include "policy_test_util.h"
