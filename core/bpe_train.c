/* bpe_train.c — placeholder until written. */
typedef int gf_placeholder_bpe_train;
