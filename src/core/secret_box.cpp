#include "core/secret_box.hpp"

#include <sodium.h>

#include <stdexcept>
#include <utility>

#include "core/crypto.hpp"

namespace prism::crypto {

namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// "v1.<key id>.<payload>" split into key id and payload; nullopt otherwise.
std::optional<std::pair<std::string_view, std::string_view>> parts_of(std::string_view sealed) {
  auto first = sealed.find('.');
  auto second = first == std::string_view::npos ? first : sealed.find('.', first + 1);
  if (second == std::string_view::npos || sealed.substr(0, first) != kVersion) return std::nullopt;
  return std::pair{sealed.substr(first + 1, second - first - 1), sealed.substr(second + 1)};
}

}  // namespace

SecretBox::Key SecretBox::derive(std::string_view secret) {
  if (secret.empty()) throw std::invalid_argument("SecretBox needs a key");
  Key key;
  // A key of its own for this purpose, so SECRET_KEY's other uses never
  // share it; its id is a fingerprint, not the key.
  key.bytes = hmac_sha256(secret, "prism: secrets stored in the database, v1");
  key.id = hex(hmac_sha256(key.bytes, "key id")).substr(0, 8);
  return key;
}

SecretBox::SecretBox(std::string_view secret_key, std::string_view previous)
    : current_(derive(secret_key)) {
  if (!previous.empty()) previous_ = derive(previous);
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated) const {
  std::string nonce = random_bytes(kNonce);
  std::string out(nonce);
  out.resize(kNonce + plaintext.size() + kTag);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(out.data()) + kNonce, &written, bytes(plaintext),
      plaintext.size(), bytes(associated), associated.size(), nullptr, bytes(nonce),
      bytes(current_.bytes));
  out.resize(kNonce + written);
  return std::string(kVersion) + "." + current_.id + "." + base64url_encode(out);
}

std::optional<std::string> SecretBox::open(std::string_view sealed,
                                           std::string_view associated) const {
  auto parts = parts_of(sealed);
  if (!parts) return std::nullopt;
  auto [id, payload] = *parts;
  const Key* key = id == current_.id                   ? &current_
                   : previous_ && id == previous_->id ? &*previous_
                                                      : nullptr;
  if (key == nullptr) return std::nullopt;
  auto raw = base64url_decode(payload);
  if (!raw || raw->size() < kNonce + kTag) return std::nullopt;
  std::string plain(raw->size() - kNonce - kTag, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &length, nullptr,
          bytes(*raw) + kNonce, raw->size() - kNonce, bytes(associated), associated.size(),
          bytes(*raw), bytes(key->bytes)) != 0) {
    return std::nullopt;
  }
  plain.resize(length);
  return plain;
}

bool SecretBox::is_current(std::string_view sealed) const {
  auto parts = parts_of(sealed);
  return parts && parts->first == current_.id;
}

}  // namespace prism::crypto
