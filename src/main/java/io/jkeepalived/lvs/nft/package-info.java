/**
 * The nftables data plane's ruleset model, pure: object names from service keys, the commands that turn one
 * service's programmed state into the next ({@link io.jkeepalived.lvs.nft.NftRuleset}), how each IPVS scheduler
 * is carried out or approximated ({@link io.jkeepalived.lvs.nft.NftScheduler}), and the reader of nft's listing
 * ({@link io.jkeepalived.lvs.nft.NftState}).
 */
package io.jkeepalived.lvs.nft;
