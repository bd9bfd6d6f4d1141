/**
 * The {@link io.jkeepalived.lvs.DataPlane} implementations over {@code linux}: nftables through libnftables
 * ({@link io.jkeepalived.adapters.lvs.NftablesDataPlane}), and the choice between IPVS and nftables
 * ({@link io.jkeepalived.adapters.lvs.DataPlaneChoice}).
 */
package io.jkeepalived.adapters.lvs;
