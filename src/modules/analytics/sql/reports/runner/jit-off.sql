-- Every report transaction: the reports' statements are short, and JIT compiling costs more than it saves.

SET LOCAL jit = off
