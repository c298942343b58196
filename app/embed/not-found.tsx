export default function EmbedNotFound() {
  return (
    <div>
      <h1 className="text-lg font-bold">Nothing to show</h1>
      <p className="text-sm text-(--color-muted)">This embed points at a figure or chart that does not exist.</p>
    </div>
  );
}
