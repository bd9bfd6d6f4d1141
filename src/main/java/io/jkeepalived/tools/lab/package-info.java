/**
 * bin/jkeepalived lab: the seeds' topology in network namespaces, run and measured.
 */
package io.jkeepalived.tools.lab;
