package io.opsgate.api.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrsTest {

    @Test
    void containsAddressesOfItsBlockOnly() {
        Cidrs.Block b = Cidrs.parse("10.1.0.0/16");
        assertThat(b.contains(Cidrs.address("10.1.255.3"))).isTrue();
        assertThat(b.contains(Cidrs.address("10.2.0.1"))).isFalse();
        assertThat(Cidrs.parse("127.0.0.2").contains(Cidrs.address("127.0.0.2"))).isTrue();
        assertThat(Cidrs.parse("127.0.0.2").contains(Cidrs.address("127.0.0.3"))).isFalse();
        assertThat(Cidrs.parse("0.0.0.0/0").contains(Cidrs.address("203.0.113.9"))).isTrue();
        assertThat(Cidrs.parse("10.0.0.0/12").contains(Cidrs.address("10.15.0.1"))).isTrue();
        assertThat(Cidrs.parse("10.0.0.0/12").contains(Cidrs.address("10.16.0.1"))).isFalse();
    }

    @Test
    void ipv6AndV4MappedAddresses() {
        assertThat(Cidrs.parse("2001:db8::/32").contains(Cidrs.address("2001:db8:1::5"))).isTrue();
        assertThat(Cidrs.parse("2001:db8::/32").contains(Cidrs.address("2001:db9::5"))).isFalse();
        assertThat(Cidrs.parse("127.0.0.0/8").contains(Cidrs.address("::ffff:127.0.0.1"))).isTrue();
        assertThat(Cidrs.parse("::1/128").contains(Cidrs.address("127.0.0.1"))).isFalse();
    }

    @Test
    void refusesWhatIsNotACidrWithoutLookingUpNames() {
        assertThatThrownBy(() -> Cidrs.parse("10.0.0.0/33")).hasMessageContaining("exceeds 32");
        assertThatThrownBy(() -> Cidrs.parse("300.0.0.0/8")).hasMessageContaining("not a valid IPv4");
        assertThatThrownBy(() -> Cidrs.parse("example.com/24")).hasMessageContaining("not a CIDR");
        assertThatThrownBy(() -> Cidrs.parse("10.0.0.0/x")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> Cidrs.address("localhost")).hasMessageContaining("not a CIDR");
    }
}
