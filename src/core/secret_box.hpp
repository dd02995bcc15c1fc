#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prism::crypto {

// Encrypts small secrets stored in the database (organizations' AI provider
// keys) with XChaCha20-Poly1305 under a key derived from SECRET_KEY. A sealed
// value is "v1.<key id>.<base64url(nonce ‖ ciphertext)>": the key id names
// the SECRET_KEY it was sealed under, so after a rotation the values sealed
// under SECRET_KEY_PREVIOUS still open and `prism keys rotate` finds them.
// `associated` (e.g. the organization's id) is authenticated with the value:
// a sealed key copied to another organization does not open.
class SecretBox {
 public:
  // `previous` empty: no previous key.
  explicit SecretBox(std::string_view secret_key, std::string_view previous = {});

  std::string seal(std::string_view plaintext, std::string_view associated) const;
  // nullopt when the value is malformed, was sealed under a key this box
  // does not hold, or was altered.
  std::optional<std::string> open(std::string_view sealed, std::string_view associated) const;
  // Whether `sealed` was made under the current key (else it needs re-sealing).
  bool is_current(std::string_view sealed) const;

  const std::string& key_id() const { return current_.id; }

 private:
  struct Key {
    std::string bytes;  // 32 bytes
    std::string id;     // 8 hex characters
  };
  static Key derive(std::string_view secret);

  Key current_;
  std::optional<Key> previous_;
};

}  // namespace prism::crypto
