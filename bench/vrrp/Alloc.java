/**
 * The soak's allocation pressure: allocates short- and medium-lived objects as fast as it can, keeping
 * a rolling window of about 64 MB alive so its collector has real work. Run with the source launcher:
 * {@code java -Xmx256m bench/vrrp/Alloc.java}. Stops when killed.
 */
void main() {
    var window = new byte[64][];
    long n = 0;
    while (true) {
        var chunk = new byte[1 << 20];
        chunk[(int) (n % chunk.length)] = (byte) n;
        window[(int) (n++ % window.length)] = chunk;
        var garbage = new java.util.ArrayList<String>();
        for (int i = 0; i < 1000; i++) {
            garbage.add(Long.toString(n * i));
        }
        if (garbage.size() != 1000) {
            System.out.println(n);
        }
    }
}
