using Herald.News;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>The tables of content people write: posts, categories, mail deliveries, accounts.</summary>
internal static class ContentModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PostRow>(e =>
        {
            e.ToTable("posts");
            e.HasKey(p => p.Id);
            e.Property(p => p.Slug).HasMaxLength(PostSlug.MaxLength);
            e.HasIndex(p => p.Slug).IsUnique();
            e.Property(p => p.Title).HasMaxLength(300);
            e.Property(p => p.Author).HasMaxLength(200);
            e.Property(p => p.Versions).HasMaxLength(1024);
            e.Property(p => p.AnnouncementKey).HasMaxLength(1100);
            e.HasIndex(p => p.AnnouncementKey).IsUnique();
            e.HasIndex(p => new { p.Published, p.Date });
        });
        modelBuilder.Entity<CategoryRow>(e =>
        {
            e.ToTable("categories");
            e.HasKey(c => c.Slug);
            e.Property(c => c.Slug).HasMaxLength(PostSlug.MaxLength);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Description).HasMaxLength(500);
            e.HasData(new CategoryRow { Slug = NewsCategories.ReleasesSlug, Name = NewsCategories.ReleasesName, Description = NewsCategories.ReleasesDescription });
        });
        modelBuilder.Entity<PostCategoryRow>(e =>
        {
            e.ToTable("post_categories");
            e.HasKey(c => new { c.PostId, c.Category });
            e.Property(c => c.Category).HasMaxLength(PostSlug.MaxLength);
            e.HasIndex(c => c.Category);
            e.HasOne<PostRow>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CategoryRow>().WithMany().HasForeignKey(c => c.Category).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MailDeliveryRow>(e =>
        {
            e.ToTable("mail_deliveries");
            e.HasKey(d => new { d.MessageKey, d.Recipient });
            e.Property(d => d.MessageKey).HasMaxLength(300);
            e.Property(d => d.Recipient).HasMaxLength(320);
            e.Property(d => d.MessageId).HasMaxLength(400);
        });
        modelBuilder.Entity<UserRow>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.Name);
            e.Property(u => u.Name).HasMaxLength(64);
            e.Property(u => u.PasswordHash).HasMaxLength(400);
            e.Property(u => u.Stamp).HasMaxLength(64);
        });
        modelBuilder.Entity<UserRoleRow>(e =>
        {
            e.ToTable("user_roles");
            e.HasKey(r => new { r.UserName, r.Role });
            e.Property(r => r.UserName).HasMaxLength(64);
            e.Property(r => r.Role).HasMaxLength(32);
            e.HasOne<UserRow>().WithMany().HasForeignKey(r => r.UserName).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ContentStateRow>(e =>
        {
            e.ToTable("content_state");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(64);
        });
        modelBuilder.Entity<AdvisoryRow>(e =>
        {
            e.ToTable("advisories");
            e.HasKey(a => a.Number);
            e.Property(a => a.Number).ValueGeneratedNever();
            e.Property(a => a.Id).HasMaxLength(40);
            e.HasIndex(a => a.Id).IsUnique();
            e.Property(a => a.Title).HasMaxLength(300);
            e.Property(a => a.State).HasMaxLength(16);
            e.Property(a => a.EarlyReason).HasMaxLength(1000);
            e.HasIndex(a => new { a.Completed, a.EmbargoUntil });
        });
        modelBuilder.Entity<AdvisoryRevisionRow>(e =>
        {
            e.ToTable("advisory_revisions");
            e.HasKey(r => new { r.Number, r.Revision });
            e.Property(r => r.Updates).HasMaxLength(10_000);
            e.HasOne<AdvisoryRow>().WithMany().HasForeignKey(r => r.Number).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AdvisoryPatchRow>(e =>
        {
            e.ToTable("advisory_patches");
            e.HasKey(p => new { p.Number, p.FileName });
            e.Property(p => p.FileName).HasMaxLength(200);
            e.Property(p => p.Branch).HasMaxLength(200);
            e.Property(p => p.Sha256).HasMaxLength(64);
            e.HasOne<AdvisoryRow>().WithMany().HasForeignKey(p => p.Number).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PredisclosureMemberRow>(e =>
        {
            e.ToTable("predisclosure_members");
            e.HasKey(m => m.Id);
            e.Property(m => m.Org).HasMaxLength(200);
            e.Property(m => m.Email).HasMaxLength(320);
            e.HasIndex(m => m.Email).IsUnique();
            e.Property(m => m.TokenHash).HasMaxLength(64);
            e.HasIndex(m => m.TokenHash).IsUnique();
        });
        modelBuilder.Entity<AdvisoryHoldRow>(e =>
        {
            e.ToTable("advisory_holds");
            e.HasKey(h => new { h.Number, h.Kind, h.Target });
            e.Property(h => h.Kind).HasMaxLength(16);
            e.Property(h => h.Target).HasMaxLength(200);
            e.HasIndex(h => new { h.Kind, h.Target });
            e.HasOne<AdvisoryRow>().WithMany().HasForeignKey(h => h.Number).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
