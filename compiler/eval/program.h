// Moved to sema/program.h (the program is shared by checking and
// evaluation); this header remains for code that still includes it here.
#pragma once

#include "sema/program.h"
